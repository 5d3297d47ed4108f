// Real-looking manifests for the change-under-review tests: legacy Deployments on privileged
// host ports (a repository's existing findings), node-exporter style DaemonSets on host ports,
// a Compose project with an override. `reordered` writes the same objects with their keys in
// another order, as a formatter or a hand edit would.

export interface DeploymentOptions {
  reordered?: boolean
}

/** `count` Deployments, each binding a privileged host port of its own: `count` findings. */
export function legacyDeployments(count: number, options: DeploymentOptions = {}): string {
  const documents: string[] = []
  for (let index = 0; index < count; index++) {
    const port = 100 + index
    const containerPort = 8000 + index
    const metadata = `metadata:
  name: legacy-${index}
  namespace: legacy
  labels:
    app.kubernetes.io/name: legacy-${index}
`
    const ports = options.reordered
      ? `            - hostPort: ${port}
              protocol: TCP
              containerPort: ${containerPort}
`
      : `            - containerPort: ${containerPort}
              hostPort: ${port}
              protocol: TCP
`
    const spec = `spec:
  replicas: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: legacy-${index}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: legacy-${index}
    spec:
      containers:
        - name: app
          image: registry.example.com/legacy/app:1.${index}.0
          ports:
${ports}`
    documents.push(
      options.reordered
        ? `kind: Deployment\napiVersion: apps/v1\n${spec}${metadata}`
        : `apiVersion: apps/v1\nkind: Deployment\n${metadata}${spec}`
    )
  }
  return documents.join('---\n')
}

export interface DaemonSetOptions {
  hostPort: number
  namespace?: string
  protocol?: string
  containerPort?: number
}

/** A node agent on a host port: two of these on one port are a certain conflict. */
export function daemonSet(name: string, options: DaemonSetOptions): string {
  const namespace = options.namespace ?? 'monitoring'
  const protocol =
    options.protocol === undefined ? '' : `\n              protocol: ${options.protocol}`
  return `# Source: ${name}/templates/daemonset.yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ${name}
  namespace: ${namespace}
  labels:
    app.kubernetes.io/name: ${name}
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${name}
    spec:
      tolerations:
        - operator: Exists
      containers:
        - name: ${name}
          image: quay.io/prometheus/${name}:v1.8.2
          args:
            - --web.listen-address=:${options.containerPort ?? options.hostPort}
          ports:
            - name: metrics
              containerPort: ${options.containerPort ?? options.hostPort}
              hostPort: ${options.hostPort}${protocol}
`
}
