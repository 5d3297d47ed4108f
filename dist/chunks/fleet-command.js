'use strict';

var node_fs = require('node:fs');
var path = require('node:path');
var cli = require('../cli-core.js');
require('node:url');
require('node:util');
require('node:os');

// Two Services of different repositories asking for one nodePort in one cluster. The API server
// allocates nodePorts from one pool per cluster, by number alone (not per protocol or namespace),
// so whichever Service is applied second is rejected: "provided port is already allocated".
const FLEET_NODE_PORT_RULE = 'duplicate-node-port';
function duplicateNodePorts(model, scopes) {
    const buckets = new Map();
    for (const service of model.services) {
        if (service.nodePort === undefined)
            continue;
        const scope = scopes.nodeScopes.find((candidate) => cli.matchesAnyGlob(service.location.file, candidate.paths))
            ?.name ?? '';
        const key = `${scope}\0${service.nodePort}`;
        buckets.set(key, [...(buckets.get(key) ?? []), service]);
    }
    const findings = [];
    for (const services of buckets.values()) {
        const sorted = [...services].sort((a, b) => cli.compareLocations(a.location, b.location));
        for (const [index, later] of sorted.entries()) {
            // One Service may use one nodePort for TCP and UDP; the same Service applied from two
            // places is one object.
            const earlier = sorted
                .slice(0, index)
                .find((other) => cli.objectKey(other.object) !== cli.objectKey(later.object));
            if (earlier)
                findings.push(toFinding(later, earlier));
        }
    }
    return findings;
}
function describe(service) {
    const { namespace, name } = service.object;
    return `Service ${namespace ? `${namespace}/` : ''}${name} (${cli.shortLocation(service.location)})`;
}
function toFinding(later, earlier) {
    return {
        message: `nodePort ${later.nodePort} of ${describe(later)} is also taken by ${describe(earlier)}: ` +
            'the API server gives a nodePort to one Service per cluster, so applying the second fails ' +
            '("provided port is already allocated").',
        location: later.nodePortLocation ?? later.location,
        related: [
            {
                location: earlier.nodePortLocation ?? earlier.location,
                message: `the other Service with nodePort ${earlier.nodePort}: ${describe(earlier)}`
            }
        ],
        object: later.object,
        key: `${cli.objectKey(later.object)}/${later.nodePort}|${earlier.location.file}|${cli.objectKey(earlier.object)}`
    };
}

// Reading the JSON reports of many repositories (docs/json-report.md) back into one scan model.
// Reports are read tolerantly: unknown fields are ignored, so reports of newer minor releases
// still merge, and only what the cross-repository checks need must be there.
/**
 * Report versions the fleet check reads. 1 is the first documented shape; 2 adds fields
 * (`conflicts`) and changes none of the model the fleet check reads.
 */
const ACCEPTED_SCHEMA_VERSIONS = [1, 2];
/** A report that cannot be merged: the message names the file and what is wrong. */
class FleetReportError extends Error {
}
/**
 * One report, its file paths prefixed with the label (`shop:k8s/web.yaml`) so that findings
 * name the repository and the file of each side, and globs of the fleet config can select them.
 */
function readReport(text, source, label) {
    let data;
    try {
        data = JSON.parse(text.replace(/^\uFEFF/, ''));
    }
    catch (error) {
        throw new FleetReportError(`${source} is not JSON: ${error.message}`);
    }
    const report = asObject(data, source, 'the report');
    const version = report.schemaVersion;
    if (typeof version !== 'number' ||
        !ACCEPTED_SCHEMA_VERSIONS.includes(version)) {
        const newer = typeof version === 'number' && version > Math.max(...ACCEPTED_SCHEMA_VERSIONS);
        throw new FleetReportError(`${source} has schemaVersion ${JSON.stringify(version)}; this port-hygiene reads ` +
            `${ACCEPTED_SCHEMA_VERSIONS.join(' and ')}` +
            (newer ? ' (the report was written by a newer port-hygiene: update this one)' : ''));
    }
    const name = label ??
        (typeof report.repository === 'string' && report.repository ? report.repository : undefined);
    if (!name) {
        throw new FleetReportError(`${source} does not say which repository it belongs to: name it on the command line (shop=${source})`);
    }
    const model = asObject(report.model, source, 'model');
    const prefix = (file) => `${name}:${file}`;
    const merged = cli.emptyModel();
    for (const [index, item] of asArray(model.bindings, source, 'model.bindings').entries()) {
        merged.bindings.push(toBinding(asObject(item, source, `model.bindings[${index}]`), prefix));
    }
    for (const [index, item] of asArray(model.services, source, 'model.services').entries()) {
        merged.services.push(toService(asObject(item, source, `model.services[${index}]`), prefix));
    }
    for (const item of optionalArray(model.namespaces)) {
        const namespace = item;
        if (typeof namespace.name !== 'string')
            continue;
        const location = toLocation(namespace.location, prefix);
        const range = namespace.portRange;
        merged.namespaces.push({
            name: namespace.name,
            location,
            annotations: namespace.annotations ?? {},
            ...(range && typeof range.min === 'number' && typeof range.max === 'number'
                ? { portRange: { min: range.min, max: range.max, location } }
                : {})
        });
    }
    for (const item of optionalArray(model.files)) {
        const file = item;
        if (typeof file.file !== 'string')
            continue;
        merged.files.push({
            file: prefix(file.file),
            format: file.format ?? 'other',
            documents: typeof file.documents === 'number' ? file.documents : 0
        });
    }
    for (const item of optionalArray(model.composeProjects)) {
        const project = item;
        if (typeof project.name !== 'string' || !Array.isArray(project.files))
            continue;
        merged.composeProjects.push({
            name: project.name,
            files: project.files.map(String).map(prefix)
        });
    }
    const tool = report.tool;
    return {
        label: name,
        source,
        schemaVersion: version,
        toolVersion: typeof tool?.version === 'string' ? tool.version : null,
        model: merged
    };
}
function toLocation(item, prefix) {
    return {
        file: prefix(String(item?.file ?? '')),
        line: Number(item?.line ?? 1),
        column: Number(item?.column ?? 1)
    };
}
function toObject(value, prefix) {
    const object = (value ?? {});
    if (object.format === 'compose') {
        return {
            format: 'compose',
            project: String(object.project ?? ''),
            service: String(object.service ?? ''),
            projectFile: prefix(String(object.projectFile ?? ''))
        };
    }
    return {
        format: 'kubernetes',
        kind: String(object.kind ?? ''),
        namespace: String(object.namespace ?? ''),
        name: String(object.name ?? '')
    };
}
function toRange(value) {
    const range = value;
    return range && typeof range.start === 'number' && typeof range.end === 'number'
        ? { start: range.start, end: range.end }
        : undefined;
}
function toBinding(item, prefix) {
    const binding = {
        format: item.format === 'compose' ? 'compose' : 'kubernetes',
        location: toLocation(item, prefix),
        object: toObject(item.object, prefix),
        container: String(item.container ?? ''),
        containerKind: item.containerKind ?? 'container',
        hostIP: String(item.hostIP ?? ''),
        protocol: String(item.protocol ?? 'tcp').toLowerCase(),
        hostNetwork: item.hostNetwork === true,
        addedCapabilities: Array.isArray(item.addedCapabilities)
            ? item.addedCapabilities.map(String)
            : []
    };
    const hostPort = toRange(item.hostPort);
    const containerPort = toRange(item.containerPort);
    if (hostPort)
        binding.hostPort = hostPort;
    if (containerPort)
        binding.containerPort = containerPort;
    if (typeof item.name === 'string')
        binding.name = item.name;
    if (item.unresolved === true)
        binding.unresolved = true;
    if (Array.isArray(item.profiles))
        binding.profiles = item.profiles.map(String);
    return binding;
}
function toService(item, prefix) {
    const service = {
        location: toLocation(item, prefix),
        object: toObject(item.object, prefix),
        serviceType: String(item.serviceType ?? 'ClusterIP'),
        protocol: String(item.protocol ?? 'TCP'),
        selector: item.selector ?? {}
    };
    if (typeof item.port === 'number')
        service.port = item.port;
    if (typeof item.targetPort === 'number' || typeof item.targetPort === 'string')
        service.targetPort = item.targetPort;
    if (typeof item.nodePort === 'number')
        service.nodePort = item.nodePort;
    if (typeof item.name === 'string')
        service.name = item.name;
    return service;
}
function asObject(value, source, what) {
    if (value && typeof value === 'object' && !Array.isArray(value))
        return value;
    throw new FleetReportError(`${source}: ${what} is not an object; is this a port-hygiene JSON report?`);
}
function asArray(value, source, what) {
    if (Array.isArray(value))
        return value;
    throw new FleetReportError(`${source}: ${what} is missing; is this a port-hygiene JSON report?`);
}
function optionalArray(value) {
    return Array.isArray(value) ? value : [];
}

// The fleet check: the reports of many repositories merged into one model, and the rules that
// look across files run over it. What one repository's own run already reports (a clash inside
// it) is left to that run; the fleet check reports what only the merged view shows: clashes
// between repositories, and every port against the platform's ranges.
/** The rules of the merged model; every other rule already ran in each repository. */
const FLEET_RULES = ['duplicate-host-port', 'port-out-of-range'];
/** Pair rules: only their findings between two repositories are new. */
const PAIR_RULES = new Set(['duplicate-host-port', FLEET_NODE_PORT_RULE]);
function runFleet(reports, config) {
    const labels = new Map();
    for (const report of reports) {
        const other = labels.get(report.label);
        if (other !== undefined) {
            throw new FleetReportError(`${other} and ${report.source} are both labelled "${report.label}": name them apart (label=REPORT.json)`);
        }
        labels.set(report.label, report.source);
    }
    const model = mergeModels(reports.map((report) => report.model));
    const fleetConfig = {
        ...config,
        rules: { ...config.rules },
        scopes: {
            nodeScopes: config.scopes.nodeScopes.map((scope) => ({
                ...scope,
                paths: scope.paths.map(fleetGlob)
            }))
        },
        ranges: {
            ...config.ranges,
            paths: config.ranges.paths.map((entry) => ({ ...entry, glob: fleetGlob(entry.glob) }))
        }
    };
    for (const rule of cli.RULES) {
        if (!FLEET_RULES.includes(rule.meta.id)) {
            fleetConfig.rules[rule.meta.id] = { severity: 'off' };
        }
    }
    // Compose projects of different repositories run on different machines.
    const hostPorts = config.rules['duplicate-host-port'];
    if (hostPorts?.severity !== 'off') {
        fleetConfig.rules['duplicate-host-port'] = {
            severity: hostPorts?.severity ?? 'error',
            options: { betweenComposeProjects: false }
        };
    }
    const { findings, suppressed, conflicts } = cli.runRules(model, fleetConfig);
    const nodePortSetting = config.rules[FLEET_NODE_PORT_RULE]?.severity;
    if (nodePortSetting !== 'off') {
        const severity = nodePortSetting ?? 'error';
        for (const result of duplicateNodePorts(model, fleetConfig.scopes)) {
            findings.push({
                ruleId: FLEET_NODE_PORT_RULE,
                severity,
                message: result.message,
                location: result.location,
                related: result.related ?? [],
                fingerprint: cli.fingerprint(FLEET_NODE_PORT_RULE, result.location.file, result.key),
                ...(result.object ? { object: result.object } : {})
            });
        }
    }
    return {
        model,
        findings: cli.sortFindings(findings.filter(isNewInFleet)),
        suppressed,
        unmatched: [],
        conflicts
    };
}
/**
 * Fleet files are `<repository>:<path>`, so `shop:**` would glue `**` to the label, where a glob
 * reads it as `*` (one segment). `**` right after the colon means "any folders" as everywhere
 * else: `shop:**` becomes the pair `shop:*` and `shop:*` + `/**`.
 */
function fleetGlob(glob) {
    const colon = glob.indexOf(':');
    if (colon === -1 || !glob.startsWith('**', colon + 1))
        return glob;
    const label = glob.slice(0, colon + 1);
    const rest = glob.slice(colon + 3).replace(/^\//, '');
    return `{${label}*${rest ? rest : ''},${label}*/**${rest ? `/${rest}` : ''}}`;
}
/** `shop:k8s/web.yaml` \u2192 `shop`. */
function repositoryOf(file) {
    return file.slice(0, file.indexOf(':'));
}
function isNewInFleet(finding) {
    if (!PAIR_RULES.has(finding.ruleId))
        return true;
    const own = repositoryOf(finding.location.file);
    return finding.related.some((related) => repositoryOf(related.location.file) !== own);
}
function mergeModels(models) {
    const merged = cli.emptyModel();
    for (const model of models) {
        for (const key of Object.keys(merged)) {
            merged[key].push(...model[key]);
        }
    }
    return merged;
}

// `port-hygiene fleet REPORT.json...`: the cross-repository check over the JSON reports that
// each repository's run already writes.
const USAGE = `Usage: port-hygiene fleet [label=]REPORT.json... [options]

Merge the JSON reports of several repositories (the action's "report-file" output, or
"port-hygiene --format json") and check what no single repository can see: a host port
claimed by two repositories on one node scope, a nodePort taken twice in one cluster, and
every port against the platform's ranges.

A report is labelled with its repository: "shop=reports/shop.json", else the report's
"repository" field (the action sets it), else its file name ("shop.json" is "shop"; for
".../shop/port-hygiene-report.json", the folder). Reports of schemaVersion ${ACCEPTED_SCHEMA_VERSIONS.join(' and ')} are read.

Options:
  -c, --config <file>    the platform's config: nodeScopes (one per cluster) and ranges; its
                         path globs match "<repository>:<path>", e.g. "*:clusters/prod/**"
  -f, --format <format>  text | json (default: text)
  -o, --output <file>    write the report to a file instead of stdout
      --fail-on <level>  error | warning | never (default: error)
  -h, --help             print this help

Exit codes: 0 no findings at or above --fail-on, 1 findings, 2 usage, report or config error.
`;
const FAIL_ON = { error: ['error'], warning: ['error', 'warning'], never: [] };
async function runFleetCommand(argv, io) {
    const { values, positionals } = cli.parseCommandLine(argv, {
        config: { type: 'string', short: 'c' },
        format: { type: 'string', short: 'f', default: 'text' },
        output: { type: 'string', short: 'o' },
        'fail-on': { type: 'string', default: 'error' },
        help: { type: 'boolean', short: 'h', default: false }
    }, USAGE);
    if (values.help) {
        io.stdout(USAGE);
        return 0;
    }
    const format = cli.oneOf(values.format, ['text', 'json'], '--format');
    const failOn = cli.oneOf(values['fail-on'], Object.keys(FAIL_ON), '--fail-on');
    if (positionals.length === 0)
        throw new cli.UsageError('name at least one JSON report', USAGE);
    const reports = await Promise.all(positionals.map((argument) => loadReport(argument, io.cwd)));
    const config = values.config === undefined
        ? cli.defaultConfig()
        : await cli.loadConfig({
            rules: cli.RULES,
            root: io.cwd,
            configPath: path.resolve(io.cwd, values.config)
        });
    let result;
    try {
        result = runFleet(reports, config);
    }
    catch (error) {
        if (error instanceof FleetReportError)
            throw new cli.UsageError(error.message);
        throw error;
    }
    const report = format === 'json'
        ? cli.renderJson(result, {
            toolVersion: cli.packageJson.version,
            ...(config.configFile !== undefined ? { configFile: config.configFile } : {})
        })
        : `${fleetHeadline(reports)}\n\n${cli.renderText(result, { color: false })}`;
    if (values.output !== undefined) {
        const target = path.resolve(io.cwd, values.output);
        await node_fs.promises.mkdir(path.dirname(target), { recursive: true });
        await node_fs.promises.writeFile(target, report, 'utf8');
        io.stdout(`${fleetHeadline(reports)}\nReport written to ${values.output}\n`);
    }
    else {
        io.stdout(report);
    }
    const failing = FAIL_ON[failOn];
    return result.findings.some((finding) => failing.includes(finding.severity)) ? 1 : 0;
}
function fleetHeadline(reports) {
    const ports = reports.reduce((sum, report) => sum + report.model.bindings.length, 0);
    const services = reports.reduce((sum, report) => sum + report.model.services.length, 0);
    const labels = reports.map((report) => report.label).join(', ');
    return `Fleet: ${cli.plural(reports.length, 'repository', 'repositories')} (${labels}), ${cli.plural(ports, 'port')}, ${cli.plural(services, 'Service port')}`;
}
/** `shop=reports/shop.json` or `reports/shop.json`; read like every file: regular, size-capped. */
async function loadReport(argument, cwd) {
    const match = /^([^=/\\:]+)=(.+)$/.exec(argument);
    const file = match ? match[2] : argument;
    const absolute = path.resolve(cwd, file);
    let text;
    try {
        const stat = await node_fs.promises.stat(absolute);
        if (!stat.isFile())
            throw new cli.UsageError(`${file} is not a file`);
        if (stat.size > cli.DEFAULT_MAX_FILE_SIZE * 20)
            throw new cli.UsageError(`${file} is too large for a report`);
        text = await node_fs.promises.readFile(absolute, 'utf8');
    }
    catch (error) {
        if (error instanceof cli.UsageError)
            throw error;
        throw new cli.UsageError(`cannot read ${file}: ${error.code ?? 'error'}`);
    }
    try {
        return readReport(text, file, match?.[1]);
    }
    catch (error) {
        if (!(error instanceof FleetReportError))
            throw error;
        if (match || !/does not say which repository/.test(error.message)) {
            throw new cli.UsageError(error.message);
        }
        return readReport(text, file, labelFromPath(absolute));
    }
}
/** `shop.json` \u2192 `shop`; `.../shop/port-hygiene-report.json` (an artifact download) \u2192 `shop`. */
function labelFromPath(absolute) {
    const stem = path.basename(absolute).replace(/\.json$/i, '');
    return stem === 'port-hygiene-report' ? path.basename(path.dirname(absolute)) : stem;
}

exports.runFleetCommand = runFleetCommand;
