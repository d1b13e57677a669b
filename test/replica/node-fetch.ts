/**
 * `replica.fetch`: a fetch for Node-side tests that takes the REAL urls (https://acme.atlassian.net/…)
 * and delivers them to the replica over TLS, verifying the replica's certificate for that host name
 * (SNI and identity check use the URL's host; the socket goes to 127.0.0.1:port). Built on node:https
 * rather than an undici dispatcher so the project needs no extra dependency. Honours AbortSignal (a
 * `hang` fault is only ended by aborting or by replica.close()) and follows redirects like fetch.
 */
import { Agent, request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';

const nullBody = new Set([101, 204, 205, 304]);

export function makeReplicaFetch(port: number, certPem: string): { fetch: typeof fetch; agent: Agent } {
  const agent = new Agent({ keepAlive: true, ca: certPem });
  const once = (request: Request, body: Buffer | undefined): Promise<Response> => {
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((v, k) => {
      headers[k] = v;
    });
    headers.host = url.host;
    return new Promise<Response>((resolve, reject) => {
      const signal = request.signal;
      if (signal.aborted) {
        reject(signal.reason);
        return;
      }
      const req = httpsRequest(
        {
          host: '127.0.0.1',
          port,
          servername: url.hostname,
          method: request.method,
          path: `${url.pathname}${url.search}`,
          headers,
          agent,
        },
        (res) => {
          const status = res.statusCode ?? 500;
          const outHeaders = new Headers();
          for (const [k, v] of Object.entries(res.headers)) {
            if (Array.isArray(v)) for (const x of v) outHeaders.append(k, x);
            else if (v !== undefined) outHeaders.set(k, v);
          }
          const stream = nullBody.has(status) ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>);
          if (!stream) res.resume();
          const response = new Response(stream, {
            status,
            statusText: res.statusMessage,
            headers: outHeaders,
          });
          Object.defineProperty(response, 'url', { value: request.url });
          resolve(response);
        },
      );
      const onAbort = () => {
        req.destroy();
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      req.on('close', () => signal.removeEventListener('abort', onAbort));
      req.on('error', (e) => reject(new TypeError('fetch failed', { cause: e })));
      req.end(body);
    });
  };
  const replicaFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    let request = new Request(input, init);
    let body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    for (let hops = 0; hops < 20; hops++) {
      const response = await once(request, body);
      const location = response.headers.get('location');
      if (![301, 302, 303, 307, 308].includes(response.status) || !location || request.redirect !== 'follow')
        return response;
      const toGet =
        response.status === 303 ||
        ((response.status === 301 || response.status === 302) && request.method === 'POST');
      request = new Request(new URL(location, request.url), {
        method: toGet ? 'GET' : request.method,
        headers: request.headers,
        signal: request.signal,
      });
      if (toGet) body = undefined;
    }
    throw new TypeError('fetch failed: too many redirects');
  };
  return { fetch: replicaFetch as typeof fetch, agent };
}
