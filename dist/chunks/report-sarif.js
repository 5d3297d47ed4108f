'use strict';

var cli = require('../cli-core.js');
require('node:fs');
require('node:path');
require('node:url');
require('node:util');
require('node:module');
require('node:os');

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';
/** Key of our fingerprint in `partialFingerprints`; bump the version if the hash input changes. */
const FINGERPRINT_KEY = 'portHygiene/v1';
/** Key of the cross-commit identity (rule, object, port tuple, occurrence; no file, no line). */
const IDENTITY_KEY = 'portHygieneIdentity/v1';
function renderSarif(result, options) {
    return cli.stringifyJson(buildSarifLog(result, options));
}
/** The SARIF log as an object (what `renderSarif` serialises). */
function buildSarifLog(result, options) {
    // Suppressed findings are reported too, marked as suppressed: code scanning then shows them
    // as dismissed instead of forgetting them.
    // A changed finding is gone in its form too: `absent`, like a fixed one (§3.27.24).
    const fixed = [
        ...(result.change?.fixed ?? []),
        ...(result.change?.changed ?? []).map((changed) => changed.finding)
    ];
    const findings = cli.sortFindings([...result.findings, ...result.suppressed, ...fixed]);
    const fixedSet = new Set(fixed);
    const rules = ruleDescriptors(findings);
    const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
    const toUri = (file) => artifactUri(options.repositoryPath?.(file) ?? file);
    const artifacts = artifactList(result, findings, toUri);
    const artifactIndex = new Map(artifacts.map((artifact, index) => [artifact.location.uri, index]));
    const locate = (location) => physicalLocation(location, artifactIndex, toUri);
    const run = {
        tool: {
            driver: {
                name: 'port-hygiene',
                version: options.toolVersion,
                semanticVersion: options.toolVersion,
                informationUri: options.informationUri ?? cli.REPOSITORY_URL,
                rules
            }
        },
        originalUriBaseIds: {
            [SRCROOT]: { description: { text: 'The root of the scanned repository.' } }
        },
        // Our columns come from the `yaml` parser's offsets into a JavaScript string.
        columnKind: 'utf16CodeUnits',
        artifacts,
        // One result per rule and place, as the rules gave them: a finding merged over other rules or
        // copies (src/rules/merge-findings.ts) is one line to read, but code scanning tracks an alert
        // by its rule and fingerprints, so each rule keeps its own alert and can be dismissed alone.
        results: findings.flatMap((finding) => {
            // With a base: SARIF's own words for new, existing and fixed (§3.27.24); every part of a
            // merged finding shares its state (src/baseline/compare.ts).
            const state = !result.change
                ? undefined
                : fixedSet.has(finding)
                    ? 'absent'
                    : finding.suppressedBy || cli.stateOf(result.change, finding) === 'existing'
                        ? 'unchanged'
                        : 'new';
            return cli.partsOf(finding).map((part) => {
                const sarif = sarifResult(part, ruleIndex.get(part.ruleId), locate);
                if (state)
                    sarif.baselineState = state;
                return sarif;
            });
        })
    };
    return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}
function sarifLevel(severity) {
    return severity === 'notice' ? 'note' : severity;
}
/**
 * Every registered rule, in registry order, then any rule id a finding carries that the registry
 * does not know (engine-made findings), sorted; `ruleIndex` points into this list.
 */
function ruleDescriptors(findings) {
    const descriptors = cli.RULES.map(registeredRuleDescriptor);
    const known = new Set(descriptors.map((rule) => rule.id));
    const unknown = [...new Set(findings.map((f) => f.ruleId))].filter((id) => !known.has(id)).sort();
    for (const id of unknown) {
        const first = findings.find((finding) => finding.ruleId === id);
        descriptors.push(descriptor(id, `port-hygiene check ${id}.`, first.severity));
    }
    return descriptors;
}
function registeredRuleDescriptor(rule) {
    return descriptor(rule.meta.id, rule.meta.description, rule.meta.defaultSeverity);
}
function descriptor(id, description, severity) {
    const helpUri = cli.docsUrl(id);
    return {
        id,
        name: pascalCase(id),
        shortDescription: { text: description },
        fullDescription: { text: description },
        helpUri,
        help: {
            text: `${description} See ${helpUri}`,
            markdown: `${description} [Documentation](${helpUri})`
        },
        defaultConfiguration: { level: sarifLevel(severity) },
        properties: { tags: ['ports'] }
    };
}
/** SARIF rule names are identifiers: `duplicate-host-port` → `DuplicateHostPort`. */
function pascalCase(id) {
    return id
        .split(/[^A-Za-z0-9]+/)
        .filter(Boolean)
        .map((part) => part[0].toUpperCase() + part.slice(1))
        .join('');
}
function sarifResult(finding, ruleIndex, locate) {
    const result = {
        ruleId: finding.ruleId,
        ruleIndex,
        level: sarifLevel(finding.severity),
        message: { text: finding.message },
        locations: [primaryLocation(finding, locate)],
        partialFingerprints: {
            [FINGERPRINT_KEY]: finding.fingerprint,
            [IDENTITY_KEY]: cli.identityOf(finding)
        }
    };
    if (finding.related.length > 0) {
        result.relatedLocations = finding.related.map((related, index) => ({
            id: index + 1,
            physicalLocation: locate(related.location),
            message: { text: related.message }
        }));
    }
    if (finding.suppressedBy)
        result.suppressions = [suppression(finding.suppressedBy, locate)];
    return result;
}
function primaryLocation(finding, locate) {
    const location = { physicalLocation: locate(finding.location) };
    // The Kubernetes object or Compose service, so viewers can group results by what they concern.
    if (finding.object) {
        location.logicalLocations = [
            {
                fullyQualifiedName: cli.describeObject(finding.object),
                kind: finding.object.format === 'compose' ? 'module' : 'resource'
            }
        ];
    }
    return location;
}
function suppression(by, locate) {
    // Both kinds live in the scanned file itself (a comment, an object annotation): `inSource`.
    const result = {
        kind: 'inSource',
        status: 'accepted',
        location: { physicalLocation: locate(by.location) }
    };
    if (by.reason)
        result.justification = by.reason;
    return result;
}
function physicalLocation(location, artifactIndex, toUri) {
    const uri = toUri(location.file);
    return {
        artifactLocation: { uri, uriBaseId: SRCROOT, index: artifactIndex.get(uri) },
        region: sarifRegion(location)
    };
}
/**
 * The region of a location, with the end only when it is consistent (SARIF columns are 1-based
 * and the end column is exclusive, as our parser gives them). A file-level location (line 0,
 * e.g. a skipped file) points at the first line: code scanning shows no result without a line.
 */
function sarifRegion(location) {
    if (!(location.line >= 1))
        return { startLine: 1 };
    const region = { startLine: location.line };
    if (location.column >= 1)
        region.startColumn = location.column;
    const endLine = location.endLine ?? location.line;
    if (location.endLine !== undefined && endLine >= location.line)
        region.endLine = endLine;
    if (location.endColumn !== undefined &&
        region.startColumn !== undefined &&
        (endLine > location.line || location.endColumn >= location.column)) {
        region.endColumn = location.endColumn;
    }
    return region;
}
/**
 * A relative URI reference for a scan-relative path: POSIX separators, each segment
 * percent-encoded (spaces, `#`, `%` and non-ASCII are legal in file names, not in URIs), and
 * never absolute — a leading `/` or drive letter would make code scanning treat it as a
 * different file on every runner.
 */
function artifactUri(file) {
    const posix = file
        .replace(/\\/g, '/')
        .replace(/^[A-Za-z]:\//, '')
        .replace(/^(\.\/|\/)+/, '');
    return (posix
        .split('/')
        // `encodeURIComponent` throws on a lone surrogate.
        .map((segment) => encodeURIComponent(cli.wellFormed(segment)))
        .join('/'));
}
/** Every scanned file (an analysis target) and every file a result points at, sorted by URI. */
function artifactList(result, findings, toUri) {
    const targets = new Set(result.model.files.map((file) => toUri(file.file)));
    const uris = new Set(targets);
    for (const finding of findings.flatMap(cli.partsOf)) {
        uris.add(toUri(finding.location.file));
        for (const related of finding.related)
            uris.add(toUri(related.location.file));
        if (finding.suppressedBy)
            uris.add(toUri(finding.suppressedBy.location.file));
    }
    return [...uris].sort(cli.compareText).map((uri) => {
        const artifact = { location: { uri, uriBaseId: SRCROOT } };
        if (targets.has(uri))
            artifact.roles = ['analysisTarget'];
        return artifact;
    });
}

exports.FINGERPRINT_KEY = FINGERPRINT_KEY;
exports.IDENTITY_KEY = IDENTITY_KEY;
exports.SARIF_SCHEMA = SARIF_SCHEMA;
exports.SRCROOT = SRCROOT;
exports.artifactUri = artifactUri;
exports.buildSarifLog = buildSarifLog;
exports.renderSarif = renderSarif;
exports.sarifRegion = sarifRegion;
