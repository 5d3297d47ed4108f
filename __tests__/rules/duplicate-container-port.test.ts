// duplicate-container-port: the API server's warnings about the ports of one pod
// (pkg/api/pod/warnings.go), in its words, with the field paths it prints.
import { ruleCases } from '../helpers/rule-cases.js'
import { duplicateContainerPort } from '../../src/rules/duplicate-container-port.js'

ruleCases(duplicateContainerPort, {
  valid: [
    {
      name: 'hostPort 80/443 on the node and a metrics port; TCP and UDP on one number',
      files: {
        'ingress/controller.yaml': `
          apiVersion: apps/v1
          kind: DaemonSet
          metadata:
            name: ingress-nginx-controller
            namespace: ingress-nginx
          spec:
            selector:
              matchLabels:
                app.kubernetes.io/name: ingress-nginx
            template:
              metadata:
                labels:
                  app.kubernetes.io/name: ingress-nginx
              spec:
                containers:
                  - name: controller
                    image: registry.k8s.io/ingress-nginx/controller:v1.11.2
                    ports:
                      - name: http
                        containerPort: 80
                        hostPort: 80
                      - name: https
                        containerPort: 443
                        hostPort: 443
                      - name: quic
                        containerPort: 443
                        hostPort: 443
                        protocol: UDP
                      - name: metrics
                        containerPort: 10254
        `
      }
    },
    {
      name: 'one container port on two host IPs',
      files: {
        'ingress/controller.yaml': `
          apiVersion: apps/v1
          kind: DaemonSet
          metadata:
            name: ingress-nginx-controller
            namespace: ingress-nginx
          spec:
            selector:
              matchLabels:
                app.kubernetes.io/name: ingress-nginx
            template:
              metadata:
                labels:
                  app.kubernetes.io/name: ingress-nginx
              spec:
                containers:
                  - name: controller
                    image: registry.k8s.io/ingress-nginx/controller:v1.11.2
                    ports:
                      - containerPort: 80
                        hostPort: 80
                        hostIP: 10.0.0.10
                      - containerPort: 80
                        hostPort: 80
                        hostIP: 10.0.0.11
        `
      }
    }
  ],
  invalid: [
    {
      name: 'the same port twice, once more with a hostPort, once with a hostIP alone',
      files: {
        'ingress/controller.yaml': `
          apiVersion: apps/v1
          kind: DaemonSet
          metadata:
            name: ingress-nginx-controller
            namespace: ingress-nginx
          spec:
            selector:
              matchLabels:
                app.kubernetes.io/name: ingress-nginx
            template:
              metadata:
                labels:
                  app.kubernetes.io/name: ingress-nginx
              spec:
                containers:
                  - name: controller
                    image: registry.k8s.io/ingress-nginx/controller:v1.11.2
                    ports:
                      - name: http
                        containerPort: 80
                      - name: http-again
                        containerPort: 80
                      - name: http-node
                        containerPort: 80
                        hostPort: 80
                      - name: metrics
                        containerPort: 10254
                        hostIP: 127.0.0.1
        `
      },
      findings: [
        {
          file: 'ingress/controller.yaml',
          line: 21,
          column: 15,
          severity: 'warning',
          message:
            'DaemonSet ingress-nginx/ingress-nginx-controller (container "controller"): spec.template.spec.containers[0].ports[1]: duplicate port definition with spec.template.spec.containers[0].ports[0] (line 19)'
        },
        {
          file: 'ingress/controller.yaml',
          line: 23,
          column: 15,
          severity: 'warning',
          message:
            'DaemonSet ingress-nginx/ingress-nginx-controller (container "controller"): spec.template.spec.containers[0].ports[2]: overlapping port definition with spec.template.spec.containers[0].ports[0] (line 19)'
        },
        {
          file: 'ingress/controller.yaml',
          line: 23,
          column: 15,
          severity: 'warning',
          message:
            'DaemonSet ingress-nginx/ingress-nginx-controller (container "controller"): spec.template.spec.containers[0].ports[2]: overlapping port definition with spec.template.spec.containers[0].ports[1] (line 21)'
        },
        {
          file: 'ingress/controller.yaml',
          line: 26,
          column: 15,
          severity: 'warning',
          message:
            'DaemonSet ingress-nginx/ingress-nginx-controller (container "controller"): spec.template.spec.containers[0].ports[3]: hostIP set without hostPort: {Name:metrics HostPort:0 ContainerPort:10254 Protocol:TCP HostIP:127.0.0.1}'
        }
      ]
    },
    {
      name: 'dangerously ambiguous: one hostPort with and without hostIP, across containers',
      files: {
        'ingress/controller.yaml': `
          apiVersion: apps/v1
          kind: DaemonSet
          metadata:
            name: ingress-nginx-controller
            namespace: ingress-nginx
          spec:
            selector:
              matchLabels:
                app.kubernetes.io/name: ingress-nginx
            template:
              metadata:
                labels:
                  app.kubernetes.io/name: ingress-nginx
              spec:
                containers:
                  - name: controller
                    image: registry.k8s.io/ingress-nginx/controller:v1.11.2
                    ports:
                      - containerPort: 8443
                        hostPort: 8443
                        hostIP: 10.0.0.10
                  - name: webhook-proxy
                    image: ghcr.io/acme/proxy:1
                    ports:
                      - containerPort: 8443
                        hostPort: 8443
        `
      },
      findings: [
        {
          file: 'ingress/controller.yaml',
          line: 25,
          column: 15,
          severity: 'warning',
          message:
            'DaemonSet ingress-nginx/ingress-nginx-controller (container "webhook-proxy"): spec.template.spec.containers[1].ports[0]: dangerously ambiguous port definition with spec.template.spec.containers[0].ports[0] (line 19)'
        }
      ]
    }
  ]
})
