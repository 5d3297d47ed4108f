'use strict';

var node_fs = require('node:fs');
var path = require('node:path');
var cli = require('../cli-core.js');
require('node:url');
require('node:util');
require('node:module');
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
/** The Service and its `nodePort:` line: the line the finding and its related place point at. */
function describe(service) {
    const { namespace, name } = service.object;
    const where = cli.shortLocation(service.nodePortLocation ?? service.location);
    return `Service ${namespace ? `${namespace}/` : ''}${name} (${where})`;
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
 * (`conflicts`) and changes none of the model the fleet check reads. The key positions
 * (`hostPortAt`, `nodePortAt`, …) were added within 2 and are read when there: no new version.
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
    refuseOtherJson(report, source);
    const version = report.schemaVersion;
    if (typeof version !== 'number' ||
        !ACCEPTED_SCHEMA_VERSIONS.includes(version)) {
        const newer = typeof version === 'number' && version > cli.maxOf(ACCEPTED_SCHEMA_VERSIONS);
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
        const at = { source, path: `model.bindings[${index}]` };
        merged.bindings.push(toBinding(asObject(item, source, at.path), prefix, at));
    }
    for (const [index, item] of asArray(model.services, source, 'model.services').entries()) {
        const at = { source, path: `model.services[${index}]` };
        merged.services.push(toService(asObject(item, source, at.path), prefix, at));
    }
    for (const [index, item] of optionalArray(model.namespaces).entries()) {
        const at = { source, path: `model.namespaces[${index}]` };
        const namespace = asObject(item, source, at.path);
        if (typeof namespace.name !== 'string')
            continue;
        const location = toLocation(optionalObject(namespace, 'location', at), prefix, {
            ...at,
            path: `${at.path}.location`
        });
        const range = optionalObject(namespace, 'portRange', at);
        const min = range?.min;
        const max = range?.max;
        merged.namespaces.push({
            name: namespace.name,
            location,
            annotations: stringRecord(namespace, 'annotations', at),
            ...(typeof min === 'number' && typeof max === 'number'
                ? { portRange: { min, max, location } }
                : {})
        });
    }
    for (const [index, item] of optionalArray(model.files).entries()) {
        const at = { source, path: `model.files[${index}]` };
        const file = asObject(item, source, at.path);
        if (typeof file.file !== 'string')
            continue;
        const format = stringField(file, 'format', 'other', at);
        merged.files.push({
            file: prefix(file.file),
            format: format === 'kubernetes' || format === 'compose' ? format : 'other',
            documents: integerField(file, 'documents', 0, at)
        });
    }
    for (const [index, item] of optionalArray(model.composeProjects).entries()) {
        const at = { source, path: `model.composeProjects[${index}]` };
        const project = asObject(item, source, at.path);
        if (typeof project.name !== 'string' || !Array.isArray(project.files))
            continue;
        merged.composeProjects.push({
            name: project.name,
            files: stringArray(project, 'files', at).map(prefix)
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
function invalid(at, key, what) {
    return new FleetReportError(`${at.source}: ${at.path}.${key} is not ${what}; is this a port-hygiene JSON report?`);
}
/** A string field; absent or null gives the fallback, anything else is refused, naming it. */
function stringField(item, key, fallback, at) {
    const value = item[key];
    if (value === undefined || value === null)
        return fallback;
    if (typeof value === 'string')
        return value;
    throw invalid(at, key, 'a string');
}
function integerField(item, key, fallback, at) {
    const value = item[key];
    if (value === undefined || value === null)
        return fallback;
    if (typeof value === 'number' && Number.isInteger(value))
        return value;
    throw invalid(at, key, 'an integer');
}
function stringArray(item, key, at) {
    const value = item[key];
    if (value === undefined || value === null)
        return [];
    if (Array.isArray(value) && value.every((each) => typeof each === 'string'))
        return value;
    throw invalid(at, key, 'a list of strings');
}
/** A map of strings (labels, selectors, annotations), copied into a prototype-free object. */
function stringRecord(item, key, at) {
    const value = item[key];
    const record = Object.create(null);
    if (value === undefined || value === null)
        return record;
    if (typeof value !== 'object' || Array.isArray(value))
        throw invalid(at, key, 'a map of strings');
    for (const [name, each] of Object.entries(value)) {
        if (typeof each !== 'string')
            throw invalid(at, `${key}.${name}`, 'a string');
        record[name] = each;
    }
    return record;
}
function optionalObject(item, key, at) {
    const value = item[key];
    if (value === undefined || value === null)
        return undefined;
    if (typeof value === 'object' && !Array.isArray(value))
        return value;
    throw invalid(at, key, 'an object');
}
function toLocation(item, prefix, at) {
    return {
        file: prefix(item ? stringField(item, 'file', '', at) : ''),
        line: item ? integerField(item, 'line', 1, at) : 1,
        column: item ? integerField(item, 'column', 1, at) : 1
    };
}
/** A positive integer: a line or a column. */
function positiveField(item, key, at) {
    const value = item[key];
    if (value === undefined || value === null)
        return undefined;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 1)
        return value;
    throw invalid(at, key, 'a positive integer');
}
/**
 * Where a key of the item is written (`hostPortAt`: `{ line, column }`, in the item's file).
 * Reports of older releases have none: absent or null leaves it unset, and the rules point at
 * the item, as they do for a key the scan did not find. A value that is there must be whole.
 */
function toPosition(item, key, itemLocation, at) {
    const position = optionalObject(item, key, at);
    if (!position)
        return undefined;
    const where = { ...at, path: `${at.path}.${key}` };
    const line = positiveField(position, 'line', where);
    const column = positiveField(position, 'column', where);
    if (line === undefined)
        throw invalid(where, 'line', 'a positive integer');
    if (column === undefined)
        throw invalid(where, 'column', 'a positive integer');
    const location = { file: itemLocation.file, line, column };
    const endLine = positiveField(position, 'endLine', where);
    const endColumn = positiveField(position, 'endColumn', where);
    if (endLine !== undefined)
        location.endLine = endLine;
    if (endColumn !== undefined)
        location.endColumn = endColumn;
    return location;
}
function toObject(item, prefix, parent) {
    const at = { ...parent, path: `${parent.path}.object` };
    const object = optionalObject(item, 'object', parent) ?? {};
    if (object.format === 'compose') {
        return {
            format: 'compose',
            project: stringField(object, 'project', '', at),
            service: stringField(object, 'service', '', at),
            projectFile: prefix(stringField(object, 'projectFile', '', at))
        };
    }
    return {
        format: 'kubernetes',
        kind: stringField(object, 'kind', '', at),
        namespace: stringField(object, 'namespace', '', at),
        name: stringField(object, 'name', '', at)
    };
}
function toRange(item, key, at) {
    const range = optionalObject(item, key, at);
    if (!range)
        return undefined;
    const where = { ...at, path: `${at.path}.${key}` };
    const start = integerField(range, 'start', Number.NaN, where);
    const end = integerField(range, 'end', Number.NaN, where);
    return Number.isNaN(start) || Number.isNaN(end) ? undefined : { start, end };
}
const CONTAINER_KINDS = [
    'container',
    'initContainer',
    'sidecar',
    'ephemeralContainer'
];
function toBinding(item, prefix, at) {
    const containerKind = stringField(item, 'containerKind', 'container', at);
    const location = toLocation(item, prefix, at);
    const binding = {
        format: item.format === 'compose' ? 'compose' : 'kubernetes',
        location,
        object: toObject(item, prefix, at),
        container: stringField(item, 'container', '', at),
        containerKind: CONTAINER_KINDS.includes(containerKind)
            ? containerKind
            : 'container',
        hostIP: stringField(item, 'hostIP', '', at),
        protocol: stringField(item, 'protocol', 'tcp', at).toLowerCase(),
        hostNetwork: item.hostNetwork === true,
        addedCapabilities: stringArray(item, 'addedCapabilities', at)
    };
    const hostPort = toRange(item, 'hostPort', at);
    const containerPort = toRange(item, 'containerPort', at);
    if (hostPort)
        binding.hostPort = hostPort;
    if (containerPort)
        binding.containerPort = containerPort;
    const hostPortLocation = toPosition(item, 'hostPortAt', location, at);
    const containerPortLocation = toPosition(item, 'containerPortAt', location, at);
    if (hostPortLocation)
        binding.hostPortLocation = hostPortLocation;
    if (containerPortLocation)
        binding.containerPortLocation = containerPortLocation;
    const name = stringField(item, 'name', '', at);
    if (name)
        binding.name = name;
    if (item.unresolved === true)
        binding.unresolved = true;
    const profiles = stringArray(item, 'profiles', at);
    if (profiles.length > 0)
        binding.profiles = profiles;
    return binding;
}
function toService(item, prefix, at) {
    const location = toLocation(item, prefix, at);
    const service = {
        location,
        object: toObject(item, prefix, at),
        serviceType: stringField(item, 'serviceType', 'ClusterIP', at),
        protocol: stringField(item, 'protocol', 'TCP', at),
        selector: stringRecord(item, 'selector', at)
    };
    const port = integerField(item, 'port', Number.NaN, at);
    if (!Number.isNaN(port))
        service.port = port;
    const targetPort = item.targetPort;
    if (typeof targetPort === 'number' || typeof targetPort === 'string') {
        service.targetPort = targetPort;
    }
    else if (targetPort !== undefined && targetPort !== null) {
        throw invalid(at, 'targetPort', 'a number or a name');
    }
    const nodePort = integerField(item, 'nodePort', Number.NaN, at);
    if (!Number.isNaN(nodePort))
        service.nodePort = nodePort;
    const portLocation = toPosition(item, 'portAt', location, at);
    const targetPortLocation = toPosition(item, 'targetPortAt', location, at);
    const nodePortLocation = toPosition(item, 'nodePortAt', location, at);
    if (portLocation)
        service.portLocation = portLocation;
    if (targetPortLocation)
        service.targetPortLocation = targetPortLocation;
    if (nodePortLocation)
        service.nodePortLocation = nodePortLocation;
    const name = stringField(item, 'name', '', at);
    if (name)
        service.name = name;
    return service;
}
/**
 * A JSON file that is something else than a scan report: said plainly, with what to pass
 * instead (the error a schemaVersion check would give is no help).
 */
function refuseOtherJson(report, source) {
    const isSarif = Array.isArray(report.runs) &&
        (report.version === '2.1.0' || /sarif/i.test(String(report.$schema ?? '')));
    const instead = "pass the JSON report (--format json, or the action's report-file output)";
    if (isSarif) {
        throw new FleetReportError(`${source} is a SARIF file, not a port-hygiene JSON report: ${instead}`);
    }
    if (Array.isArray(report.ports) && report.ianaSource !== undefined) {
        throw new FleetReportError(`${source} is a port inventory (inventory --format json), not a scan report: ${instead}`);
    }
    const tool = report.tool;
    if (report.schemaVersion === undefined || tool?.name !== 'port-hygiene') {
        throw new FleetReportError(`${source} is not a port-hygiene JSON report: ${instead}`);
    }
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
            })),
            // Compose projects of different repositories never share a host through this config.
            composeGroups: []
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
        // One place, one finding, as in a repository's own scan (src/rules/merge-findings.ts).
        findings: cli.sortFindings(cli.mergeFindings(findings.filter(isNewInFleet))),
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
/** `shop:k8s/web.yaml` → `shop`. */
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
            cli.append(merged[key], model[key]);
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
"repository" field (the action sets it), else its file name ("shop.json" is "shop"); a
report named port-hygiene-report.json (an artifact download) by its last two folders
("reports/acme/shop/port-hygiene-report.json" is "acme/shop"), more when two reports would
share a label. Reports of schemaVersion ${ACCEPTED_SCHEMA_VERSIONS.join(' and ')} are read.

Compose projects are not compared across repositories: each repository's Compose files run on
hosts of their own (its own run checks them). Kubernetes host ports and nodePorts are.

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
    try {
        return await fleet(argv, io);
    }
    catch (error) {
        // A mistake here is explained by this command's help, not the scan's.
        if (error instanceof cli.UsageError)
            error.command ??= 'fleet';
        throw error;
    }
}
async function fleet(argv, io) {
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
    const reports = loadReports(positionals, io.cwd);
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
/**
 * The repositories merged and what was compared. Labels come from the reports: written inert,
 * as file and object names are in finding lines (a label cannot start a line of the log).
 */
function fleetHeadline(reports) {
    const ports = reports.reduce((sum, report) => sum + report.model.bindings.length, 0);
    const services = reports.reduce((sum, report) => sum + report.model.services.length, 0);
    const compose = reports.reduce((sum, report) => sum + report.model.bindings.filter((binding) => binding.format === 'compose').length, 0);
    const labels = reports.map((report) => cli.escapeControls(report.label)).join(', ');
    const headline = `Fleet: ${cli.plural(reports.length, 'repository', 'repositories')} (${labels}), ${cli.plural(ports, 'port')}, ${cli.plural(services, 'Service port')}`;
    return compose === 0
        ? headline
        : `${headline}\n${cli.plural(compose, 'Compose port')} not compared across repositories: Compose projects of different repositories run on different hosts.`;
}
/** Every report of the command line, labelled (see USAGE). */
function loadReports(argumentsGiven, cwd) {
    const loaded = argumentsGiven.map((argument) => loadReport(argument, cwd));
    const byFolder = loaded.filter((each) => each.report === undefined && isArtifactReport(each.absolute));
    const folderLabels = labelsFromFolders(byFolder.map((each) => path.dirname(each.absolute)));
    return loaded.map((each) => {
        if (each.report)
            return each.report;
        const index = byFolder.indexOf(each);
        const label = index === -1 ? path.basename(each.absolute).replace(/\.json$/i, '') : folderLabels[index];
        return readReportOrUsage(each.text, each.file, label);
    });
}
/**
 * `shop=reports/shop.json` or `reports/shop.json`: read like every file the tool opens (a
 * regular file, size-capped, errors said without a path the user did not type).
 */
function loadReport(argument, cwd) {
    const match = /^([^=/\\:]+)=(.+)$/.exec(argument);
    const file = match ? match[2] : argument;
    const absolute = path.resolve(cwd, file);
    const read = cli.readGuarded(path.parse(absolute).root, absolute, {
        maxSize: cli.DEFAULT_MAX_FILE_SIZE * 20
    });
    if (read.refused !== undefined) {
        const reason = read.refused.startsWith('it does not exist')
            ? 'it does not exist'
            : read.refused.startsWith('larger than')
                ? `it is too large for a report (${read.refused})`
                : read.refused;
        throw new cli.UsageError(`cannot read the report ${file}: ${reason}`);
    }
    try {
        return { file, absolute, text: read.text, report: readReport(read.text, file, match?.[1]) };
    }
    catch (error) {
        if (!(error instanceof FleetReportError))
            throw error;
        if (match || !/does not say which repository/.test(error.message)) {
            throw new cli.UsageError(error.message);
        }
        return { file, absolute, text: read.text };
    }
}
function readReportOrUsage(text, file, label) {
    try {
        return readReport(text, file, label);
    }
    catch (error) {
        if (error instanceof FleetReportError)
            throw new cli.UsageError(error.message);
        throw error;
    }
}
/** An artifact download: `<folder>/port-hygiene-report.json`, named by its folder. */
function isArtifactReport(absolute) {
    return path.basename(absolute).toLowerCase() === 'port-hygiene-report.json';
}
/**
 * Labels for reports named by their folders: the last two folder names, as a download into
 * `reports/<owner>/<repository>` lays them out (`reports/acme/shop` → `acme/shop`, so two
 * owners' repositories of one name stay apart), and more when the reports share fewer folders
 * than that (`a/acme/shop`, `b/acme/shop` → `a/acme/shop`, `b/acme/shop`).
 */
function labelsFromFolders(folders) {
    if (folders.length === 0)
        return [];
    const split = folders.map((folder) => folder.split(path.sep).filter(Boolean));
    let common = 0;
    while (split.every((parts) => common < parts.length - 1) &&
        split.every((parts) => parts[common] === split[0][common])) {
        common++;
    }
    return split.map((parts) => parts.slice(Math.min(common, Math.max(0, parts.length - 2))).join('/'));
}

exports.labelsFromFolders = labelsFromFolders;
exports.runFleetCommand = runFleetCommand;
