// An HdfsStore kept in memory, for unit tests of code that reads and writes HDFS:
// files by absolute path, folders implied by their files or made by mkdirs. It
// fails where the NameNode does (the adapter's HdfsError, with the HTTP status
// WebHDFS answers): reading a missing file, uploading over a file without
// `overwrite`, renaming a missing source or onto an existing path without
// `overwrite`, deleting a non-empty folder without `recursive`, or the root.

import { Readable } from 'node:stream';
import type { DeleteOptions, HdfsEntry, HdfsStore, RenameOptions, UploadOptions } from '../../common/hdfs';
import { HdfsError } from '../../common/errors';

export class MemoryHdfs implements HdfsStore {
  readonly files = new Map<string, Buffer>();
  private readonly dirs = new Set<string>(['/']);

  async mkdirs(path: string): Promise<void> {
    for (let p = path; p !== '/' && p !== ''; p = p.slice(0, p.lastIndexOf('/')) || '/') this.dirs.add(p);
  }

  async upload(path: string, data: Readable | Buffer, options: UploadOptions = {}): Promise<void> {
    if (this.files.has(path) && !options.overwrite) throw new HdfsError('upload', path, 403, 'FileAlreadyExistsException');
    const bytes = Buffer.isBuffer(data) ? data : Buffer.concat(await data.toArray());
    await this.mkdirs(path.slice(0, path.lastIndexOf('/')) || '/');
    this.files.set(path, Buffer.from(bytes));
  }

  async readStream(path: string): Promise<Readable> {
    return Readable.from([await this.readFile(path)]);
  }

  async readFile(path: string): Promise<Buffer> {
    const bytes = this.files.get(path);
    if (!bytes) throw new HdfsError('open', path, 404, 'FileNotFoundException');
    return bytes;
  }

  async rename(source: string, destination: string, options: RenameOptions = {}): Promise<void> {
    if (!(await this.exists(source))) throw new HdfsError('rename', source, 404, 'FileNotFoundException');
    if (await this.exists(destination)) {
      if (!options.overwrite) throw new HdfsError('rename', source, 403, `FileAlreadyExistsException: ${destination}`);
      if ((await this.list(destination)).length > 0)
        throw new HdfsError('rename', source, 403, `destination ${destination} is a non-empty folder`);
      await this.delete(destination, { recursive: true });
    }
    for (const [p, b] of [...this.files]) {
      if (p === source || p.startsWith(`${source}/`)) {
        this.files.delete(p);
        this.files.set(destination + p.slice(source.length), b);
      }
    }
    for (const d of [...this.dirs]) {
      if (d === source || d.startsWith(`${source}/`)) {
        this.dirs.delete(d);
        this.dirs.add(destination + d.slice(source.length));
      }
    }
  }

  async list(path: string): Promise<HdfsEntry[]> {
    const entries = new Map<string, HdfsEntry>();
    const prefix = path.endsWith('/') ? path : `${path}/`;
    for (const [p, b] of this.files) {
      if (!p.startsWith(prefix)) continue;
      const rest = p.slice(prefix.length);
      const name = rest.split('/')[0]!;
      entries.set(name, {
        name,
        type: rest.includes('/') ? 'DIRECTORY' : 'FILE',
        length: rest.includes('/') ? 0 : b.length,
        modificationTime: 0,
      });
    }
    for (const d of this.dirs) {
      if (!d.startsWith(prefix)) continue;
      const name = d.slice(prefix.length).split('/')[0]!;
      if (!entries.has(name)) entries.set(name, { name, type: 'DIRECTORY', length: 0, modificationTime: 0 });
    }
    return [...entries.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  async stat(path: string): Promise<HdfsEntry | null> {
    const name = path.slice(path.lastIndexOf('/') + 1);
    const file = this.files.get(path);
    if (file) return { name, type: 'FILE', length: file.length, modificationTime: 0 };
    return (await this.exists(path)) ? { name, type: 'DIRECTORY', length: 0, modificationTime: 0 } : null;
  }

  async exists(path: string): Promise<boolean> {
    return this.files.has(path) || this.dirs.has(path) || [...this.files.keys()].some((p) => p.startsWith(`${path}/`));
  }

  async delete(path: string, options: DeleteOptions = {}): Promise<boolean> {
    if (path === '/') throw new HdfsError('delete', '/', undefined, 'refusing to delete the root folder');
    const existed = await this.exists(path);
    if (existed && !options.recursive && !this.files.has(path) && (await this.list(path)).length > 0) {
      throw new HdfsError('delete', path, 403, 'PathIsNotEmptyDirectoryException');
    }
    for (const p of [...this.files.keys()]) if (p === path || p.startsWith(`${path}/`)) this.files.delete(p);
    for (const d of [...this.dirs]) if (d === path || d.startsWith(`${path}/`)) this.dirs.delete(d);
    return existed;
  }
}
