// Developer-cluster configs as port sources. A kind `Cluster` and a k3d `Simple` config are not
// applied to a cluster: their port mappings become `docker run -p` bindings of the node
// containers on the developer's machine, next to the repository's Compose stacks. So their
// bindings join the Compose host scope (format `compose`, object.devCluster set), where
// duplicate-host-port, privileged-port and unbound-interface judge them with the Compose projects.
import type { ObjectSite, KubeContext } from '../kubernetes/context.js'
import { extractKindCluster, isKindCluster } from './kind.js'
import { extractK3dSimple, isK3dSimple } from './k3d.js'

/** Reads the object as a dev-cluster config when it is one; false = not one (read it as Kubernetes). */
export function extractDevCluster(site: ObjectSite, ctx: KubeContext): boolean {
  if (isKindCluster(site)) {
    extractKindCluster(site, ctx)
    return true
  }
  if (isK3dSimple(site)) {
    extractK3dSimple(site, ctx)
    return true
  }
  return false
}
