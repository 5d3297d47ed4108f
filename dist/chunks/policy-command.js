'use strict';

var path = require('node:path');
var cli = require('../cli-core.js');
var generatedFile = require('./generated-file.js');
require('node:fs');
require('node:url');
require('node:util');
require('node:module');
require('node:os');
require('node:fs/promises');

// Writing CEL. The expressions are kept to what both Kubernetes (1.30+) and @bufbuild/cel (the
// evaluator the tests run them with) implement: the standard macros (all, exists, filter, has),
// string functions (matches, contains) and the strings extension's split and trim. No optional
// types (`?.`), no Kubernetes-only libraries: __tests__/policy/ would fail on them.
/** A CEL string literal. */
function celString(text) {
    return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}
function celList(items) {
    return `[${items.join(', ')}]`;
}
const OPEN = '\u0001';
const CLOSE = '\u0002';
/** A hole in a message template: `celMessage` turns it into the expression it holds. */
function hole(expression) {
    return `${OPEN}${expression}${CLOSE}`;
}
/**
 * A message written by one of the shared sentence functions (src/rules/shared/messages.ts),
 * with holes for the values, as a CEL string concatenation: the text outside the holes is
 * literal, each hole an expression of type string.
 */
function celMessage(template) {
    const parts = [];
    let rest = template;
    while (rest.length > 0) {
        const open = rest.indexOf(OPEN);
        if (open === -1) {
            parts.push(celString(rest));
            break;
        }
        if (open > 0)
            parts.push(celString(rest.slice(0, open)));
        const close = rest.indexOf(CLOSE, open);
        parts.push(`(${rest.slice(open + 1, close)})`);
        rest = rest.slice(close + 1);
    }
    return parts.join(' + ');
}

// `port-hygiene policy`: the admission side of the port policy, generated from the resolved
// config, so that the cluster rejects what the CI check reports as errors, with its words.
//
// What it writes: ValidatingAdmissionPolicy + ValidatingAdmissionPolicyBinding pairs
// (admissionregistration.k8s.io/v1, GA since Kubernetes 1.30): one for Services, one each for
// Pods, for the workloads with `spec.template` and for CronJobs (each reads its pod spec at one
// path, so no expression depends on the kind). No webhook server to run.
//
// What they check, each only while its rule is an error in the config:
// - port-out-of-range: Service ports and nodePorts, host ports (hostPort, and containerPort under
//   hostNetwork), as the rule's `check` option says, against the namespace's range: the config's
//   (`ranges.namespaces`, `.github/port-ranges.json`), else the live Namespace's `port-range` (or
//   `port-hygiene/port-range`) annotation, read through `namespaceObject`. `ranges.paths` and
//   Compose projects have no meaning in a cluster and are left out.
// - privileged-port: what it reports as errors, a hostPort on every interface (no hostIP, 0.0.0.0,
//   `::`) where a host daemon commonly listens (shared/host-daemons.ts, by port and protocol),
//   but those `allow` and `webPorts` let through. The rest below 1024 (a specific hostIP, the
//   host network, ports no daemon holds) are its warnings, admitted. An `allow` entry scoped to
//   `paths` is taken as allowing (admission does not know files): admission never rejects what
//   CI passes. Entries scoped to Compose `projects` do not apply.
// - An object whose `port-hygiene/ignore` annotation names the rule is admitted, as CI skips it.
//   Comment suppressions (`# port-hygiene-ignore`) do not reach the cluster: use the annotation.
// What is not checked here: rules that compare objects (duplicate-host-port, duplicate-node-port)
// and what the API server rejects by itself (invalid ports, nodePorts outside its range).
const POLICY_PREFIX = 'port-hygiene';
const API_VERSION = 'admissionregistration.k8s.io/v1';
const IGNORE_ANNOTATION = 'port-hygiene/ignore';
const RANGE_ANNOTATIONS = ['port-range', 'port-hygiene/port-range'];
/** parsePortRangeAnnotation (src/extract/kubernetes/validation.ts), in RE2. */
const RANGE_PATTERN = '^\\s*[0-9]{1,5}\\s*(-\\s*[0-9]{1,5}\\s*)?$';
function policyChecks(config) {
    const range = ruleSetting(config, 'port-out-of-range');
    const privileged = ruleSetting(config, 'privileged-port');
    const check = new Set(range?.check ?? []);
    return {
        servicePort: check.has('service-port'),
        nodePort: check.has('node-port'),
        hostPortRange: check.has('host-port'),
        privileged: privileged !== undefined,
        allow: privileged?.allow ?? [],
        webPorts: privileged?.webPorts ?? [],
        ranges: Object.entries(config.ranges.namespaces)
            .map(([namespace, bounds]) => [namespace, `${bounds.min}-${bounds.max}`])
            .sort(([a], [b]) => cli.compareText(a, b))
    };
}
/** The rule's options when it reports errors; undefined when it is off or less than an error. */
function ruleSetting(config, id) {
    const rule = cli.RULES.find((candidate) => candidate.meta.id === id);
    const setting = config.rules[id];
    const severity = setting?.severity ?? rule.meta.defaultSeverity;
    if (severity !== 'error')
        return undefined;
    return setting?.options ?? cli.defaultOptions(rule.options);
}
function generatePolicies(config) {
    const checks = policyChecks(config);
    const policies = [];
    const services = serviceValidations(checks);
    if (services.length > 0) {
        policies.push({
            name: `${POLICY_PREFIX}-services`,
            resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], resources: ['services'] }],
            variables: commonVariables(checks),
            validations: services
        });
    }
    const pods = [
        ['pods', [{ apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }], 'object.spec'],
        [
            'workloads',
            [
                { apiGroups: [''], apiVersions: ['v1'], resources: ['replicationcontrollers'] },
                {
                    apiGroups: ['apps'],
                    apiVersions: ['v1'],
                    resources: ['daemonsets', 'deployments', 'replicasets', 'statefulsets']
                },
                { apiGroups: ['batch'], apiVersions: ['v1'], resources: ['jobs'] }
            ],
            'object.spec.template.spec'
        ],
        [
            'cronjobs',
            [{ apiGroups: ['batch'], apiVersions: ['v1'], resources: ['cronjobs'] }],
            'object.spec.jobTemplate.spec.template.spec'
        ]
    ];
    const podChecks = podValidations(checks);
    if (podChecks.length > 0) {
        for (const [suffix, resourceRules, specPath] of pods) {
            policies.push({
                name: `${POLICY_PREFIX}-${suffix}`,
                resourceRules,
                variables: [...commonVariables(checks), ...podVariables(checks, specPath)],
                validations: podChecks
            });
        }
    }
    return policies;
}
// ── Variables ────────────────────────────────────────────────────────────────────────────────
function commonVariables(checks) {
    const configured = `{${checks.ranges.map(([ns, text]) => `${celString(ns)}: ${celString(text)}`).join(', ')}}`;
    const annotations = 'namespaceObject.metadata.annotations';
    const fromAnnotation = RANGE_ANNOTATIONS.reduceRight((otherwise, key) => `has(${annotations}) && ${celString(key)} in ${annotations} && ` +
        `${annotations}[${celString(key)}].matches(${celString(RANGE_PATTERN)}) ? ` +
        `${annotations}[${celString(key)}] : ${otherwise}`, "''");
    return [
        {
            name: 'ns',
            expression: "has(object.metadata.namespace) && object.metadata.namespace != '' ? object.metadata.namespace : request.namespace"
        },
        {
            name: 'name',
            expression: "has(object.metadata.name) ? object.metadata.name : has(object.metadata.generateName) ? object.metadata.generateName : ''"
        },
        {
            name: 'ignored',
            expression: `has(object.metadata.annotations) && ${celString(IGNORE_ANNOTATION)} in object.metadata.annotations ? ` +
                `object.metadata.annotations[${celString(IGNORE_ANNOTATION)}].split(':')[0].replace(',', ' ').split(' ').map(r, r.trim()) : []`
        },
        {
            name: 'rangeText',
            expression: `variables.ns in ${configured} ? ${configured}[variables.ns] : ${fromAnnotation}`
        },
        {
            name: 'rangeParts',
            expression: `variables.rangeText.matches(${celString(RANGE_PATTERN)}) ? variables.rangeText.split('-') : []`
        },
        {
            name: 'rangeMin',
            expression: 'size(variables.rangeParts) > 0 ? int(variables.rangeParts[0].trim()) : 0'
        },
        {
            name: 'rangeMax',
            expression: 'size(variables.rangeParts) > 0 ? int(variables.rangeParts[size(variables.rangeParts) - 1].trim()) : 0'
        },
        {
            name: 'hasRange',
            expression: 'size(variables.rangeParts) > 0 && variables.rangeMin >= 1 && variables.rangeMax <= 65535 && variables.rangeMin <= variables.rangeMax'
        }
    ];
}
function podVariables(checks, specPath) {
    return [
        { name: 'spec', expression: specPath },
        {
            name: 'hostNetwork',
            expression: 'has(variables.spec.hostNetwork) && variables.spec.hostNetwork'
        },
        {
            name: 'containers',
            expression: '(has(variables.spec.containers) ? variables.spec.containers : []) + ' +
                '(has(variables.spec.initContainers) ? variables.spec.initContainers : [])'
        },
        { name: 'allowedPorts', expression: allowedPorts(checks.allow, checks.webPorts) },
        { name: 'hostDaemons', expression: hostDaemons() }
    ];
}
/** The `allow` list and `webPorts` as the ports they allow in this object's namespace. */
function allowedPorts(entries, webPorts) {
    const parts = webPorts.length > 0 ? [celList(webPorts.map(String))] : [];
    for (const entry of entries) {
        if (entry.projects.length > 0)
            continue;
        const ports = celList(entry.ports.map(String));
        parts.push(entry.namespaces.length > 0
            ? `(variables.ns in ${celList(entry.namespaces.map(celString))} ? ${ports} : [])`
            : ports);
    }
    return parts.length > 0 ? parts.join(' + ') : '[0]';
}
/** `{'22/TCP': 'sshd', '53/UDP': 'systemd-resolved (127.0.0.53) or dnsmasq', …}`. */
function hostDaemons() {
    const entries = cli.HOST_DAEMON_PORTS.flatMap((entry) => entry.protocols.map((protocol) => `${celString(`${entry.port}/${protocol.toUpperCase()}`)}: ${celString(entry.daemon)}`));
    return `{${entries.join(', ')}}`;
}
// ── Services ─────────────────────────────────────────────────────────────────────────────────
function serviceValidations(checks) {
    const validations = [];
    const fields = [
        [checks.servicePort, 'port', 'Service port'],
        [checks.nodePort, 'nodePort', 'nodePort']
    ];
    for (const [wanted, field, label] of fields) {
        if (!wanted)
            continue;
        const outside = `has(p.${field}) && (p.${field} < variables.rangeMin || p.${field} > variables.rangeMax)`;
        const first = `object.spec.ports.filter(p, ${outside})[0].${field}`;
        validations.push({
            expression: `!variables.hasRange || 'port-out-of-range' in variables.ignored || ` +
                `!has(object.spec.ports) || !object.spec.ports.exists(p, ${outside})`,
            messageExpression: rangeMessage(`${label} ${hole(`string(${first})`)}`),
            reason: 'Invalid'
        });
    }
    return validations;
}
function rangeMessage(subject) {
    return celMessage(cli.outOfRangeMessage(subject, hole('string(variables.rangeMin)'), hole('string(variables.rangeMax)'), `namespace ${hole('variables.ns')}`));
}
// ── Pod templates ────────────────────────────────────────────────────────────────────────────
/** The host port a container port claims: its hostPort, or under hostNetwork its containerPort. */
const HOST_PORT = '(variables.hostNetwork ? (has(p.containerPort) ? p.containerPort : 0) : (has(p.hostPort) ? p.hostPort : 0))';
/** `container`, `initContainer` or `sidecar` (an init container that keeps running). */
const KIND_OF = '(has(variables.spec.initContainers) && variables.spec.initContainers.exists(i, i.name == c.name) ? ' +
    "(has(c.restartPolicy) && c.restartPolicy == 'Always' ? 'sidecar' : 'initContainer') : 'container')";
function podValidations(checks) {
    const validations = [];
    if (checks.hostPortRange) {
        const bad = `${HOST_PORT} > 0 && (${HOST_PORT} < variables.rangeMin || ${HOST_PORT} > variables.rangeMax)`;
        const { expression, port, container, kind } = firstBadPort(bad);
        validations.push({
            expression: `!variables.hasRange || 'port-out-of-range' in variables.ignored || ${expression}`,
            messageExpression: rangeMessage(`Host port ${hole(`string(${port})`)} of ${hole(kind)} "${hole(container)}"`),
            reason: 'Invalid'
        });
    }
    if (checks.privileged) {
        // privileged-port's errors only: a hostPort (not the host network, where the process picks
        // its address) on every interface over a host daemon's port; CI's warnings are admitted.
        const protocol = "(has(p.protocol) ? p.protocol : 'TCP')";
        const daemonKey = `string(p.hostPort) + '/' + ${protocol}`;
        const everyInterface = "(!has(p.hostIP) || p.hostIP == '' || p.hostIP == '0.0.0.0' || " +
            "(p.hostIP.contains(':') && p.hostIP.matches('^[0:]+$')))";
        const bad = `!variables.hostNetwork && has(p.hostPort) && p.hostPort > 0 && ` +
            `${daemonKey} in variables.hostDaemons && ${everyInterface} && ` +
            `!(p.hostPort in variables.allowedPorts)`;
        const { expression, container, kind, entry } = firstBadPort(bad);
        const at = (text) => text.replace(/\bp\./g, () => `${entry}.`);
        const owner = `${hole('object.kind')} ${hole('variables.ns')}/${hole('variables.name')} (${hole(kind)} "${hole(container)}")`;
        // Every interface, so the only IPv6 spelling CI can print is `[::]` (describeAddress).
        const address = `has(${entry}.hostIP) && ${entry}.hostIP != '' ? ` +
            `(${entry}.hostIP.contains(':') ? ' on [::]' : ' on ' + ${entry}.hostIP) : ''`;
        const port = `string(${entry}.hostPort)`;
        validations.push({
            expression: `'privileged-port' in variables.ignored || ${expression}`,
            messageExpression: celMessage(cli.hostDaemonPortMessage(`Host port ${hole(port)}/${hole(at(protocol))}${hole(address)} of ${owner}`, hole(`variables.hostDaemons[${at(daemonKey)}]`), hole(port), cli.DAEMON_COLLISION.portmap)),
            reason: 'Invalid'
        });
    }
    return validations;
}
/**
 * "No container has a bad port", and the parts of the first bad one, for the message. The
 * replacements are functions: the expressions hold `$'` (a regex's end), which a replacement
 * string would read as "the text after the match".
 */
function firstBadPort(bad) {
    const container = `variables.containers.filter(c, has(c.ports) && c.ports.exists(p, ${bad}))[0]`;
    const entry = `${container}.ports.filter(p, ${bad})[0]`;
    return {
        expression: `!variables.containers.exists(c, has(c.ports) && c.ports.exists(p, ${bad}))`,
        container: `${container}.name`,
        kind: KIND_OF.replace(/\bc\./g, () => `${container}.`),
        entry,
        port: HOST_PORT.replace(/\bp\./g, () => `${entry}.`)
    };
}
const ACTIONS = { deny: ['Deny'], warn: ['Warn', 'Audit'] };
function renderPolicies(policies, source, mode = 'deny') {
    const documents = policies.flatMap((policy) => [
        {
            apiVersion: API_VERSION,
            kind: 'ValidatingAdmissionPolicy',
            metadata: { name: policy.name, labels: { 'app.kubernetes.io/managed-by': 'port-hygiene' } },
            spec: {
                failurePolicy: 'Fail',
                matchConstraints: {
                    resourceRules: policy.resourceRules.map((rule) => ({
                        ...rule,
                        operations: ['CREATE', 'UPDATE']
                    }))
                },
                variables: policy.variables,
                validations: policy.validations
            }
        },
        {
            apiVersion: API_VERSION,
            kind: 'ValidatingAdmissionPolicyBinding',
            metadata: { name: policy.name, labels: { 'app.kubernetes.io/managed-by': 'port-hygiene' } },
            spec: { policyName: policy.name, validationActions: ACTIONS[mode] }
        }
    ]);
    const header = `# Generated by \`port-hygiene policy\` from ${source}; do not edit: regenerate it.\n` +
        '# Rejects at admission what the CI check reports as errors (port-out-of-range,\n' +
        '# privileged-port), with the same messages. Needs Kubernetes 1.30 or later.\n';
    if (documents.length === 0) {
        return `${header}# No rule that admission can enforce is an error in the config: nothing to apply.\n`;
    }
    return header + documents.map((document) => cli.stringify(document, { lineWidth: 0 })).join('---\n');
}

// `port-hygiene policy`: print, write (--output) or check (--check) the admission policy that
// the resolved config implies (src/policy/generate.ts).
const USAGE = `Usage: port-hygiene policy [options]

Write the Kubernetes admission side of the port policy: ValidatingAdmissionPolicy and
ValidatingAdmissionPolicyBinding objects (admissionregistration.k8s.io/v1, Kubernetes 1.30+)
whose CEL rejects what the CI check reports as errors, with the same messages:
  port-out-of-range  Service ports, nodePorts and host ports outside the namespace's range
                     (the config's ranges and .github/port-ranges.json, else the Namespace's
                     port-range annotation, read at admission through namespaceObject)
  privileged-port    host ports below 1024 that the rule's allow list does not allow
An object whose port-hygiene/ignore annotation names the rule is admitted. Nothing else runs
in the cluster: no webhook server.

Options:
  -c, --config <file>   config file (default: .github/port-hygiene.yml)
  -o, --output <file>   write the policy to <file> instead of stdout
      --mode <mode>     deny | warn (default: deny); warn admits with a warning and an audit
                        annotation, to roll the policy out before it refuses anything
      --check <file>    exit 1 with a line diff when <file> is not what would be written
  -h, --help            print this help

Apply it with: kubectl apply -f <file>      (docs/policy.md)

Exit codes: 0 done (or the file is up to date), 1 the file is out of date, 2 usage or config
error.
`;
async function runPolicyCommand(argv, io) {
    try {
        return await policy(argv, io);
    }
    catch (error) {
        if (error instanceof cli.UsageError)
            error.command ??= 'policy';
        throw error;
    }
}
async function policy(argv, io) {
    const { values, positionals } = cli.parseCommandLine(argv, {
        config: { type: 'string', short: 'c' },
        output: { type: 'string', short: 'o' },
        check: { type: 'string' },
        mode: { type: 'string', default: 'deny' },
        help: { type: 'boolean', short: 'h', default: false }
    }, USAGE);
    if (values.help) {
        io.stdout(USAGE);
        return 0;
    }
    if (positionals.length > 0) {
        throw new cli.UsageError(`the policy comes from the config, not from files: remove "${positionals[0]}"`);
    }
    const mode = cli.oneOf(values.mode, ['deny', 'warn'], '--mode');
    if (values.output !== undefined && values.check !== undefined) {
        throw new cli.UsageError('--output and --check cannot be used together');
    }
    for (const [flag, value] of [
        ['--output', values.output],
        ['--check', values.check],
        ['--config', values.config]
    ]) {
        if (value !== undefined && value.trim() === '')
            throw new cli.UsageError(`${flag} needs a file name`);
    }
    const config = await cli.loadConfig({
        rules: cli.RULES,
        root: io.cwd,
        ...(values.config !== undefined ? { configPath: path.resolve(io.cwd, values.config) } : {})
    });
    const source = config.configFile ?? 'the default config';
    const text = renderPolicies(generatePolicies(config), source, mode);
    if (values.output !== undefined) {
        await generatedFile.writeGenerated(io.cwd, values.output, text);
        io.stdout(`${values.output}: admission policy written.\n`);
        return 0;
    }
    if (values.check !== undefined) {
        const drift = generatedFile.checkGenerated(io.cwd, values.check, text, `port-hygiene policy --output ${values.check}`);
        if (!drift) {
            io.stdout(`${values.check} is up to date.\n`);
            return 0;
        }
        io.stdout(`${drift.summary}\n${drift.diff}\n`);
        return 1;
    }
    io.stdout(text);
    return 0;
}

exports.runPolicyCommand = runPolicyCommand;
