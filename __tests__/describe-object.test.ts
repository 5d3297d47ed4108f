// describeObject: how every message names an object, with and without the parts a manifest may omit.
import { describe, expect, it } from 'vitest'
import { describeObject } from '../src/model.js'

describe('describeObject', () => {
  it('names a Kubernetes object by kind, namespace and name', () => {
    const object = {
      format: 'kubernetes',
      kind: 'DaemonSet',
      namespace: 'kube-system',
      name: 'node-exporter'
    } as const
    expect(describeObject(object, ['container "exporter"'])).toBe(
      'DaemonSet kube-system/node-exporter (container "exporter")'
    )
  })

  it('says an object has no name instead of printing a double space', () => {
    const object = { format: 'kubernetes', kind: 'Deployment', namespace: '', name: '' } as const
    expect(describeObject(object, ['container "app"'])).toBe(
      'Deployment without a name (container "app")'
    )
    expect(describeObject({ ...object, namespace: 'shop' })).toBe(
      'Deployment without a name in namespace shop'
    )
  })
})
