// Which pod a Kubernetes binding belongs to. Most objects have one pod template, but some custom
// resources carry several (a TFJob's PS and Worker, a Spark driver and executor): bindings of one
// object in one file belong to the last template that starts before them, because a template is
// one contiguous YAML block.
import {
  compareLocations,
  type KubernetesObjectRef,
  type PodTemplate,
  type SourceLocation
} from '../../model.js'
import { objectKey } from './describe.js'

export type PodLocator = (object: KubernetesObjectRef, location: SourceLocation) => string

export function podLocator(templates: readonly PodTemplate[]): PodLocator {
  const starts = new Map<string, SourceLocation[]>()
  for (const template of templates) {
    const key = `${template.location.file}\0${objectKey(template.object)}`
    const list = starts.get(key) ?? []
    list.push(template.location)
    starts.set(key, list)
  }
  for (const list of starts.values()) list.sort(compareLocations)
  return (object, location) => {
    const key = `${location.file}\0${objectKey(object)}`
    const list = starts.get(key) ?? []
    let index = 0
    for (let i = 0; i < list.length; i++) if (compareLocations(list[i]!, location) <= 0) index = i
    return `${key}\0${index}`
  }
}
