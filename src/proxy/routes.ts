import type { FastifyInstance } from 'fastify';
import { presentedKey } from './fast-path.js';
import type { Authenticator } from '../identity/authenticator.js';
import { proxyRequest, type ProxyDeps } from './forward.js';
import { anthropicProtocol } from './protocols/anthropic.js';
import { openAiProtocol } from './protocols/openai.js';


const MODEL_CREATED = Math.floor(Date.UTC(2026, 0, 1) / 1000);

/** The model API surface: `/v1/chat/completions`, `/v1/messages`, `/v1/models`. */
export function registerProxyRoutes(app: FastifyInstance, deps: ProxyDeps, authenticator: Authenticator): void {
  app.register(async (v1) => {
    // Authenticate before the body is read, so an unauthenticated client cannot make Warden buffer 10 MB.
    // Cache hits are answered synchronously: no promise on the hot path.
    v1.addHook('onRequest', (req, _reply, done) => {
      const presented = presentedKey(req.headers, req.url.startsWith('/v1/messages'));
      let cached;
      try {
        cached = authenticator.fromCache(presented);
      } catch (err) {
        done(err as Error);
        return;
      }
      if (cached) {
        req.principal = cached;
        done();
        return;
      }
      authenticator.authenticate(presented).then(
        (principal) => {
          req.principal = principal;
          done();
        },
        (err: Error) => done(err),
      );
    });

    v1.post('/chat/completions', (req, reply) => proxyRequest(deps, openAiProtocol, req, reply));
    v1.post('/messages', (req, reply) => proxyRequest(deps, anthropicProtocol, req, reply));

    v1.get('/models', async (req) => {
      if (req.headers['anthropic-version'] !== undefined) {
        const data = deps.router.listModels('anthropic').map((id) => ({
          type: 'model',
          id,
          display_name: id,
          created_at: new Date(MODEL_CREATED * 1000).toISOString(),
        }));
        return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
      }
      const data = deps.router.listModels('openai').map((id) => ({ id, object: 'model', created: MODEL_CREATED, owned_by: 'warden' }));
      return { object: 'list', data };
    });
  }, { prefix: '/v1' });
}
