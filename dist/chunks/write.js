'use strict';

var node_crypto = require('node:crypto');
var node_fs = require('node:fs');
var path = require('node:path');
var cli = require('../cli-core.js');

// Writing a fixed file back. The file was read through the guarded reader (inside the root after
// links, a regular file, under the size limit); a write must be safer still, since a pull request
// or a checkout can hold links meant to redirect it:
// - the path must be its own real path: no symbolic link in it, neither the file nor a folder
//   (a link inside the repository that points inside it is refused too: the fix would change the
//   file under another name than the finding's);
// - the file must be the one that was read (same device and inode), a regular file, not
//   read-only and writable by us (a rename would replace a read-only file without asking);
// - the new text goes to a temporary file in the same folder (created exclusively, never through
//   a link, with the file's permission bits), which is renamed over the file after the checks
//   are made again: rename(2) replaces the directory entry itself, so even a link swapped in at
//   the last moment is replaced, never followed, and a reader never sees half a file.
// Refusals say why without quoting a path the user did not type.
/** Whether `file` (relative to `root`) may be written in place of the file that was read. */
function checkWritable(root, file, identity) {
    let realRoot;
    try {
        realRoot = node_fs.realpathSync.native(root);
    }
    catch {
        return { refused: 'the scan root does not exist' };
    }
    const target = path.resolve(realRoot, file);
    if (!cli.isInside(realRoot, target) || target === realRoot) {
        return { refused: 'it is outside the scanned folder' };
    }
    let real;
    try {
        real = node_fs.realpathSync.native(target);
    }
    catch (error) {
        return { refused: describeError(error) };
    }
    if (real !== target) {
        return {
            refused: cli.isInside(realRoot, real)
                ? 'it is reached through a symbolic link (only files reached without links are written)'
                : 'it resolves outside the scanned folder'
        };
    }
    let stat;
    try {
        stat = node_fs.lstatSync(target);
    }
    catch (error) {
        return { refused: describeError(error) };
    }
    if (!stat.isFile())
        return { refused: 'not a regular file' };
    if (stat.dev !== identity.dev || stat.ino !== identity.ino) {
        return { refused: 'it changed while it was being fixed' };
    }
    // Checked on the mode bits too: a rename would replace a read-only file without asking, and a
    // superuser passes every access check.
    if ((stat.mode & 0o222) === 0)
        return { refused: 'it is read-only' };
    try {
        node_fs.accessSync(target, node_fs.constants.W_OK);
    }
    catch (error) {
        return { refused: describeError(error) };
    }
    return { target };
}
/** Writes `text` (with a byte order mark when the file had one) over the file, atomically. */
function writeFixed(root, file, text, read) {
    const check = checkWritable(root, file, read.identity);
    if (check.refused !== undefined)
        return check;
    const { target } = check;
    const temporary = path.join(path.dirname(target), `.${path.basename(target)}.port-hygiene-${process.pid}-${node_crypto.randomBytes(6).toString('hex')}`);
    let fd;
    try {
        // O_EXCL with O_CREAT never follows a link at the temporary name, nor reuses a file.
        fd = node_fs.openSync(temporary, node_fs.constants.O_WRONLY | node_fs.constants.O_CREAT | node_fs.constants.O_EXCL | (node_fs.constants.O_NOFOLLOW ?? 0), 0o600);
    }
    catch (error) {
        return { refused: `its folder is not writable (${describeError(error)})` };
    }
    try {
        try {
            node_fs.fchmodSync(fd, read.identity.mode & 0o7777);
            const bytes = Buffer.from(read.bom ? `\uFEFF${text}` : text, 'utf8');
            for (let written = 0; written < bytes.length;) {
                written += node_fs.writeSync(fd, bytes, written, bytes.length - written);
            }
            node_fs.fsyncSync(fd);
        }
        finally {
            node_fs.closeSync(fd);
        }
        // The same checks again, as close to the rename as they can be.
        const again = checkWritable(root, file, read.identity);
        if (again.refused !== undefined) {
            node_fs.unlinkSync(temporary);
            return again;
        }
        node_fs.renameSync(temporary, target);
        return {};
    }
    catch (error) {
        try {
            node_fs.unlinkSync(temporary);
        }
        catch {
            // Already renamed or never created: nothing to clean up.
        }
        return { refused: describeError(error) };
    }
}
function describeError(error) {
    switch (error?.code) {
        case 'ENOENT':
            return 'it does not exist';
        case 'EACCES':
        case 'EPERM':
            return 'permission denied';
        case 'EROFS':
            return 'read-only file system';
        case 'ELOOP':
            return 'a symbolic link that loops or was swapped';
        case 'ENOSPC':
            return 'no space left on the device';
        default: {
            const code = error?.code;
            return code ? `could not be written (${code})` : 'could not be written';
        }
    }
}

exports.checkWritable = checkWritable;
exports.writeFixed = writeFixed;
