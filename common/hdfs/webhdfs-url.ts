// Pure builders for WebHDFS URLs: the REST endpoint from the configured NameNode URL,
// and operation URLs for the few calls made with node's http (webhdfs-http.ts).

import { encodeHdfsPath } from './hdfs-path';

export const webhdfsPrefix = '/webhdfs/v1';

/** The NameNode URL with the REST prefix: http://nn:9870 -> http://nn:9870/webhdfs/v1. */
export function webhdfsEndpoint(namenode: URL): URL {
  const url = new URL(namenode.href);
  const base = url.pathname.replace(/\/+$/, '');
  url.pathname = base.endsWith(webhdfsPrefix) ? base : base + webhdfsPrefix;
  url.search = '';
  url.hash = '';
  return url;
}

export function operationUrl(endpoint: URL, user: string, path: string, op: string, params: Record<string, string> = {}): URL {
  const url = new URL(endpoint.href);
  url.pathname = endpoint.pathname + encodeHdfsPath(path);
  url.search = new URLSearchParams({ op, 'user.name': user, ...params }).toString();
  return url;
}
