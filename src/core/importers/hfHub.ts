// Import from the Hugging Face hub's HTTP API: GET /api/models/{id} (and /{id}/resolve/main/config.json
// for hyperparameters). Endpoint from HF_ENDPOINT, token from HF_TOKEN; the token is only ever sent.
import { fieldsFromConfig } from './hfConfig';
import { modelFromHubInfo } from './hubModelInfo';
import { ImportError, type ImportBundle } from './types';

export const DEFAULT_HUB = 'https://huggingface.co';

export interface HubOptions {
  /** Base URL; default https://huggingface.co. */
  endpoint?: string;
  /** Bearer token (HF_TOKEN); never logged, never written. */
  token?: string;
  /** A branch, tag or commit; default the main branch. */
  revision?: string;
  timeoutMs?: number;
}

/** Hub settings from the environment (HF_ENDPOINT, HF_TOKEN), as the hub's own tools read them. */
export function hubOptionsFromEnv(env: NodeJS.ProcessEnv): HubOptions {
  return {
    endpoint: env.HF_ENDPOINT?.trim() || undefined,
    token: env.HF_TOKEN?.trim() || undefined,
  };
}

const REPO_ID = /^[A-Za-z0-9][\w.-]*(\/[A-Za-z0-9][\w.-]*)?$/;

/** The endpoint without credentials or a trailing slash, for URLs and messages. */
function cleanEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ImportError(`HF_ENDPOINT '${endpoint}' is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ImportError(`HF_ENDPOINT '${endpoint}' is not an http(s) URL`);
  url.username = '';
  url.password = '';
  return url.toString().replace(/\/+$/, '');
}

function unreachable(endpoint: string, e: unknown): ImportError {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  const why = err.name === 'TimeoutError' || err.name === 'AbortError' ? 'no answer in time' : (err.cause?.code ?? err.cause?.message ?? err.message);
  return new ImportError(`cannot reach the Hugging Face hub at ${endpoint}: ${why}; set HF_ENDPOINT or import a local folder`);
}

async function get(url: string, endpoint: string, options: HubOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': 'modelops' };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  try {
    return await fetch(url, { headers, signal: AbortSignal.timeout(options.timeoutMs ?? 30_000), redirect: 'follow' });
  } catch (e) {
    throw unreachable(endpoint, e);
  }
}

function httpError(res: Response, repoId: string, endpoint: string, withToken: boolean): ImportError {
  const code = res.headers.get('x-error-code');
  if (res.status === 404 || code === 'RepoNotFound') return new ImportError(`model '${repoId}' not found on the hub at ${endpoint} (${res.status})`);
  if (res.status === 401) {
    return new ImportError(withToken
      ? `the hub at ${endpoint} refused HF_TOKEN for '${repoId}' (401): the token is invalid or cannot read this model`
      : `the hub at ${endpoint} refused '${repoId}' (401): it is private, gated or does not exist; set HF_TOKEN to a token that can read it`);
  }
  if (res.status === 403 || code === 'GatedRepo') return new ImportError(`'${repoId}' is gated on the hub at ${endpoint} (${res.status}): accept its terms with the account whose token is in HF_TOKEN`);
  return new ImportError(`the hub at ${endpoint} answered ${res.status} ${res.statusText} for '${repoId}'`);
}

async function json(res: Response, what: string): Promise<unknown> {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new ImportError(`${what}: the hub's answer is not JSON (${res.headers.get('content-type') ?? 'no content type'})`);
  }
}

export async function importFromHub(repoId: string, options: HubOptions = {}): Promise<ImportBundle> {
  if (!REPO_ID.test(repoId) || repoId.includes('..')) throw new ImportError(`'${repoId}' is not a hub model id (expected "org/name")`);
  const endpoint = cleanEndpoint(options.endpoint ?? DEFAULT_HUB);
  const path = repoId.split('/').map(encodeURIComponent).join('/');
  const rev = options.revision ? `/revision/${encodeURIComponent(options.revision)}` : '';
  const apiUrl = `${endpoint}/api/models/${path}${rev}`;
  const res = await get(apiUrl, endpoint, options);
  if (!res.ok) throw httpError(res, repoId, endpoint, !!options.token);
  const info = await json(res, apiUrl);
  const bundle = modelFromHubInfo(info, apiUrl);

  // config.json holds the sizes the API's `config` leaves out; a model without one still imports.
  const siblings = (info as { siblings?: unknown }).siblings;
  if (Array.isArray(siblings) && !siblings.some((f) => f?.rfilename === 'config.json')) {
    bundle.warnings.push(`${repoId} has no config.json: no hyperparameters`);
    return bundle;
  }
  const configUrl = `${endpoint}/${path}/resolve/${encodeURIComponent(options.revision ?? 'main')}/config.json`;
  try {
    const c = await get(configUrl, endpoint, options);
    if (c.ok) {
      const config = await json(c, configUrl);
      if (config && typeof config === 'object' && !Array.isArray(config)) {
        const fields = fieldsFromConfig(config as Record<string, unknown>);
        const model = bundle.model!;
        if (fields.hyperparameters) model.hyperparameters = fields.hyperparameters;
        if (!model.model_architecture && fields.model_architecture) model.model_architecture = fields.model_architecture;
        if (!model.model_type && fields.model_type) model.model_type = fields.model_type;
      }
    } else {
      await c.body?.cancel();
      bundle.warnings.push(`config.json not available (${c.status}): no hyperparameters`);
    }
  } catch (e) {
    bundle.warnings.push(`config.json not read: ${(e as Error).message}`);
  }
  return bundle;
}
