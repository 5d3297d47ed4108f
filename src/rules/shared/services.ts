// Service ports grouped by Service, and label matching, shared by the rules that wire Services,
// Ingresses and NetworkPolicies to pod templates.
import type { KubernetesObjectRef, LabelSelector, PodTemplate, ServicePort } from '../../model.js'

/** `shop/web`, `web` without a namespace: how one Service is named in manifests and messages. */
export function serviceName(object: KubernetesObjectRef): string {
  return object.namespace ? `${object.namespace}/${object.name}` : object.name
}

/**
 * The Service a manifest declares, whatever file it is in: a base and its overlay, or one folder
 * per environment, declare the same Service again and never conflict with themselves.
 */
export function serviceIdentity(object: KubernetesObjectRef): string {
  return `${object.namespace}\0${object.name}`
}

/** The ports of each Service declaration (one per file), in the model's order. */
export function portsByDeclaration(services: readonly ServicePort[]): ServicePort[][] {
  const groups = new Map<string, ServicePort[]>()
  for (const port of services) {
    const key = `${port.location.file}\0${serviceIdentity(port.object)}`
    const list = groups.get(key) ?? []
    list.push(port)
    groups.set(key, list)
  }
  return [...groups.values()]
}

/** A Service selector: every key/value must be among the pod's labels. */
export function selectorMatches(
  selector: Readonly<Record<string, string>>,
  labels: Readonly<Record<string, string>>
): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value)
}

/**
 * A manifest without `metadata.namespace` lands in the namespace it is applied to, `default`
 * unless told otherwise, and so does the pod template next to it: unset and `default` are one
 * namespace on both sides, or a Service and its Deployment in one file would never match.
 */
function namespaceOf(namespace: string | undefined): string {
  return namespace || 'default'
}

/**
 * The pod templates a Service selector matches, looked up by namespace and label instead of
 * compared with every template: a monorepo holds thousands of Services and templates, and a
 * Service-by-template loop grows with their product.
 */
export function podTemplateIndex(
  templates: readonly PodTemplate[]
): (namespace: string | undefined, selector: Readonly<Record<string, string>>) => PodTemplate[] {
  const byNamespace = new Map<string, PodTemplate[]>()
  const byLabel = new Map<string, PodTemplate[]>()
  const add = (index: Map<string, PodTemplate[]>, key: string, template: PodTemplate) => {
    const list = index.get(key)
    if (list) list.push(template)
    else index.set(key, [template])
  }
  for (const template of templates) {
    const namespace = namespaceOf(template.object.namespace)
    add(byNamespace, namespace, template)
    for (const [key, value] of Object.entries(template.labels)) {
      add(byLabel, `${namespace}\0${key}\0${value}`, template)
    }
  }
  return (namespace, selector) => {
    // The rarest of the selector's labels narrows the candidates; the others are then checked.
    const ns = namespaceOf(namespace)
    let candidates = byNamespace.get(ns) ?? []
    for (const [key, value] of Object.entries(selector)) {
      const withLabel = byLabel.get(`${ns}\0${key}\0${value}`) ?? []
      if (withLabel.length < candidates.length) candidates = withLabel
    }
    return candidates.filter((template) => selectorMatches(selector, template.labels))
  }
}

/** metav1.LabelSelector semantics (In, NotIn, Exists, DoesNotExist); `{}` selects everything. */
export function labelSelectorMatches(
  selector: LabelSelector,
  labels: Readonly<Record<string, string>>
): boolean {
  if (!selectorMatches(selector.matchLabels, labels)) return false
  return selector.matchExpressions.every(({ key, operator, values }) => {
    const has = Object.hasOwn(labels, key)
    switch (operator) {
      case 'In':
        return has && values.includes(labels[key]!)
      case 'NotIn':
        return !has || !values.includes(labels[key]!)
      case 'Exists':
        return has
      case 'DoesNotExist':
        return !has
      default:
        // An operator the API server would reject: assume it selects, so nothing is reported on it.
        return true
    }
  })
}

function directoryOf(file: string): string {
  const slash = file.lastIndexOf('/')
  return slash === -1 ? '' : file.slice(0, slash)
}

function isWithin(directory: string, ancestor: string): boolean {
  return ancestor === '' || directory === ancestor || directory.startsWith(`${ancestor}/`)
}

/**
 * The candidates that belong with a manifest at `file`: those in the same file, else in the same
 * folder, else in a folder above or below it. A repository holds many deployment units (one
 * folder per example, provider or environment) that reuse labels such as `app: web`; a Service
 * is applied with the pods next to it, not with a sibling folder's. Candidates only in sibling
 * folders are not near.
 */
export function nearest<T>(
  file: string,
  candidates: readonly T[],
  fileOf: (candidate: T) => string
): T[] {
  const sameFile = candidates.filter((candidate) => fileOf(candidate) === file)
  if (sameFile.length > 0) return sameFile
  const directory = directoryOf(file)
  const sameDirectory = candidates.filter((c) => directoryOf(fileOf(c)) === directory)
  if (sameDirectory.length > 0) return sameDirectory
  return candidates.filter((candidate) => {
    const other = directoryOf(fileOf(candidate))
    return isWithin(other, directory) || isWithin(directory, other)
  })
}
