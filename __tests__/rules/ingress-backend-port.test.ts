// ingress-backend-port: Ingress backends (networking.k8s.io/v1 and the v1beta1 servicePort shape)
// against the ports of the Service they name.
import { ruleCases } from '../helpers/rule-cases.js'
import { ingressBackendPort } from '../../src/rules/ingress-backend-port.js'

ruleCases(ingressBackendPort, {
  valid: [
    {
      name: 'a backend by Service port name and one by Service port number',
      files: {
        'apps/storefront/service.yaml': `
          apiVersion: v1
          kind: Service
          metadata:
            name: storefront
            namespace: shop
          spec:
            selector:
              app: storefront
            ports:
              - name: http
                port: 80
                targetPort: 8080
              - name: grpc
                port: 9000
        `,
        'apps/storefront/ingress.yaml': `
          apiVersion: networking.k8s.io/v1
          kind: Ingress
          metadata:
            name: storefront
            namespace: shop
            annotations:
              cert-manager.io/cluster-issuer: letsencrypt
          spec:
            ingressClassName: nginx
            tls:
              - hosts: [shop.example.com]
                secretName: storefront-tls
            rules:
              - host: shop.example.com
                http:
                  paths:
                    - path: /
                      pathType: Prefix
                      backend:
                        service:
                          name: storefront
                          port:
                            name: http
              - host: api.shop.example.com
                http:
                  paths:
                    - path: /
                      pathType: Prefix
                      backend:
                        service:
                          name: storefront
                          port:
                            number: 9000
        `
      }
    },
    {
      name: 'a Service that is not in the scan is not checked',
      files: {
        'apps/ingress.yaml': `
          apiVersion: networking.k8s.io/v1
          kind: Ingress
          metadata:
            name: storefront
            namespace: shop
            annotations:
              cert-manager.io/cluster-issuer: letsencrypt
          spec:
            ingressClassName: nginx
            tls:
              - hosts: [shop.example.com]
                secretName: storefront-tls
            rules:
              - host: shop.example.com
                http:
                  paths:
                    - path: /
                      pathType: Prefix
                      backend:
                        service:
                          name: storefront
                          port:
                            number: 8443
        `
      }
    },
    {
      name: 'a resource backend names no Service',
      files: {
        'apps/ingress.yaml': `
          apiVersion: networking.k8s.io/v1
          kind: Ingress
          metadata:
            name: assets
          spec:
            defaultBackend:
              resource:
                apiGroup: k8s.example.com
                kind: StorageBucket
                name: static-assets
        `
      }
    },
    {
      name: 'a Service port left to a Helm value may be the one asked for',
      files: {
        'rendered.yaml': `
          apiVersion: v1
          kind: Service
          metadata:
            name: storefront
            namespace: shop
          spec:
            ports:
              - name: http
                port: 80
              - name: grpc
                port: "{{ .Values.grpcPort }}"
          ---
          apiVersion: networking.k8s.io/v1
          kind: Ingress
          metadata:
            name: storefront
            namespace: shop
          spec:
            rules:
              - http:
                  paths:
                    - path: /
                      pathType: Prefix
                      backend:
                        service:
                          name: storefront
                          port:
                            name: grpc
        `
      }
    }
  ],
  invalid: [
    {
      name: 'the container port instead of the Service port, and an unknown name',
      files: {
        'apps/storefront/service.yaml': `
          apiVersion: v1
          kind: Service
          metadata:
            name: storefront
            namespace: shop
          spec:
            selector:
              app: storefront
            ports:
              - name: http
                port: 80
                targetPort: 8080
              - name: grpc
                port: 9000
        `,
        'apps/storefront/ingress.yaml': `
          apiVersion: networking.k8s.io/v1
          kind: Ingress
          metadata:
            name: storefront
            namespace: shop
            annotations:
              cert-manager.io/cluster-issuer: letsencrypt
          spec:
            ingressClassName: nginx
            tls:
              - hosts: [shop.example.com]
                secretName: storefront-tls
            rules:
              - host: shop.example.com
                http:
                  paths:
                    - path: /
                      pathType: Prefix
                      backend:
                        service:
                          name: storefront
                          port:
                            number: 8080
              - host: grpc.shop.example.com
                http:
                  paths:
                    - path: /
                      pathType: Prefix
                      backend:
                        service:
                          name: storefront
                          port:
                            name: grpc-web
        `
      },
      findings: [
        {
          file: 'apps/storefront/ingress.yaml',
          line: 23,
          column: 19,
          severity: 'error',
          message:
            'Ingress shop/storefront: the backend asks for port 8080 of Service storefront, which has no such port (its ports: 80 "http", 9000 "grpc"); the ingress controller finds no upstream for this path. Use one of the Service ports (port number or name), not the container port.'
        },
        {
          file: 'apps/storefront/ingress.yaml',
          line: 33,
          column: 19,
          severity: 'error',
          message:
            'Ingress shop/storefront: the backend asks for a port named "grpc-web" of Service storefront, which has no such port (its ports: 80 "http", 9000 "grpc"); the ingress controller finds no upstream for this path. Use one of the Service ports (port number or name), not the container port.'
        }
      ]
    },
    {
      name: 'extensions/v1beta1 servicePort and defaultBackend-style backend',
      files: {
        'legacy/storefront.yaml': `
          apiVersion: v1
          kind: Service
          metadata:
            name: storefront
            namespace: shop
          spec:
            selector:
              app: storefront
            ports:
              - name: http
                port: 80
                targetPort: 8080
              - name: grpc
                port: 9000
          ---
          apiVersion: extensions/v1beta1
          kind: Ingress
          metadata:
            name: storefront-legacy
            namespace: shop
          spec:
            backend:
              serviceName: storefront
              servicePort: web
            rules:
              - host: old.shop.example.com
                http:
                  paths:
                    - path: /
                      backend:
                        serviceName: storefront
                        servicePort: 8080
        `
      },
      findings: [
        {
          file: 'legacy/storefront.yaml',
          line: 24,
          column: 5,
          severity: 'error',
          message:
            'Ingress shop/storefront-legacy: the backend asks for a port named "web" of Service storefront, which has no such port (its ports: 80 "http", 9000 "grpc"); the ingress controller finds no upstream for this path. Use one of the Service ports (port number or name), not the container port.'
        },
        {
          file: 'legacy/storefront.yaml',
          line: 32,
          column: 15,
          severity: 'error',
          message:
            'Ingress shop/storefront-legacy: the backend asks for port 8080 of Service storefront, which has no such port (its ports: 80 "http", 9000 "grpc"); the ingress controller finds no upstream for this path. Use one of the Service ports (port number or name), not the container port.'
        }
      ]
    }
  ]
})
