export async function runFleetCommand(_a: string[], _b: unknown): Promise<number> {
  return 2
}
