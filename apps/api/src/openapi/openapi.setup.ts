import { INestApplication, RequestMethod, Type } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { z } from 'zod';
import { ACCESS_KEY, Access } from '../common/public.decorator';
import { SKIP_RATE_LIMIT } from '../common/rate-limit.decorator';
import { API_DOC_KEY, ApiDocSpec } from './api-doc.decorator';
import { OpenApiDocument } from './openapi-document';
import { apiSchemas, ERROR_FOR_STATUS } from './schemas/registry';
import './schemas/guidance.schemas';
import './schemas/staff.schemas';

type Json = Record<string, unknown>;

const REF = (id: string) => `#/components/schemas/${id}`;

/** Security requirement of each access decision (the AccessGuard's and the gateway guard's). */
const SECURITY: Record<Access, Json[]> = {
  public: [],
  gateway: [{ gatewayBasic: [] }, { gatewayId: [], gatewaySecret: [] }],
  police: [{ bearer: [] }],
  operator: [{ bearer: [] }],
  admin: [{ bearer: [] }],
};

const WHO: Record<Access, string> = {
  public: 'Public: no credentials.',
  gateway:
    'Gateways: HTTP Basic `gatewayId:secret`, or the `x-gateway-id` + `x-gateway-secret` headers.',
  police: 'Staff bearer token of a police officer, operator or admin (ADMIN_TOKEN or a login JWT).',
  operator: 'Staff bearer token of an operator or admin (ADMIN_TOKEN or a login JWT).',
  admin: 'Admin bearer token (ADMIN_TOKEN or an admin login JWT).',
};

const SECURITY_SCHEMES = {
  bearer: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT or ADMIN_TOKEN',
    description: 'Staff: `POST /v1/auth/login` gives a JWT; the ADMIN_TOKEN is an admin.',
  },
  gatewayBasic: { type: 'http', scheme: 'basic', description: 'gatewayId:secret' },
  gatewayId: { type: 'apiKey', in: 'header', name: 'x-gateway-id' },
  gatewaySecret: { type: 'apiKey', in: 'header', name: 'x-gateway-secret' },
};

function jsonSchema(schema: z.ZodType): Json {
  const id = apiSchemas.get(schema)?.id;
  if (id) return { $ref: REF(id) };
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as Json;
  return rest;
}

function componentSchemas(): Record<string, Json> {
  const out = z.toJSONSchema(apiSchemas, { io: 'input', unrepresentable: 'any', uri: REF });
  const schemas: Record<string, Json> = {};
  for (const [id, s] of Object.entries(out.schemas)) {
    const { $schema: _s, $id: _i, ...rest } = s as Json;
    schemas[id] = rest;
  }
  return schemas;
}

function parameters(path: string, spec: ApiDocSpec): Json[] {
  const out: Json[] = [];
  for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
    const shape = spec.params?.shape as Record<string, z.ZodType> | undefined;
    const schema = shape?.[name] ? jsonSchema(shape[name]) : { type: 'string' };
    out.push({ name, in: 'path', required: true, schema });
  }
  if (spec.query) {
    const q = jsonSchema(spec.query) as {
      properties?: Record<string, Json>;
      required?: string[];
    };
    for (const [name, s] of Object.entries(q.properties ?? {})) {
      const { description, ...schema } = s;
      out.push({
        name,
        in: 'query',
        required: q.required?.includes(name) ?? false,
        ...(description ? { description } : {}),
        schema,
      });
    }
  }
  return out;
}

function errorResponse(status: number): Json {
  const e = ERROR_FOR_STATUS[status];
  if (!e) throw new Error(`no error description for status ${status}`);
  const res: Json = {
    description: e.description,
    content: {
      'application/json': {
        schema: { $ref: REF('Error') },
        example: { error: e.code, message: e.description },
      },
    },
  };
  if (status === 429) {
    res.headers = {
      'Retry-After': {
        description: 'seconds until the window resets',
        schema: { type: 'integer' },
      },
    };
  }
  return res;
}

function successResponse(spec: ApiDocSpec): Json {
  if (spec.sse) {
    const items = spec.sse.map((e) => ({
      type: 'object',
      description: e.description,
      required: ['event', 'data'],
      properties: { event: { const: e.name }, data: jsonSchema(e.data) },
    }));
    const names = spec.sse.map((e) => `\`${e.name}\``).join(', ');
    return {
      description:
        `Server-Sent Events (text/event-stream): each event is \`event: <name>\` and one ` +
        `\`data:\` line of JSON (events: ${names}); \`: ping\` comments every 15 s. ` +
        `The schema lists the events as an array of {event, data}.`,
      content: { 'text/event-stream': { schema: { type: 'array', items: { oneOf: items } } } },
    };
  }
  if (spec.text) {
    return { description: spec.text, content: { 'text/plain': { schema: { type: 'string' } } } };
  }
  if (!spec.response) return { description: 'OK' };
  return {
    description: 'OK',
    content: { 'application/json': { schema: jsonSchema(spec.response) } },
  };
}

interface Route {
  cls: Type;
  handler: (...args: unknown[]) => unknown;
}

/** Every controller method by its OpenAPI operationId (`<Controller>_<method>`). */
function routes(app: INestApplication): Map<string, Route> {
  const out = new Map<string, Route>();
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const cls = wrapper.metatype as Type | null;
      if (!cls) continue;
      for (const key of Object.getOwnPropertyNames(cls.prototype)) {
        const handler = (cls.prototype as Record<string, unknown>)[key];
        if (key === 'constructor' || typeof handler !== 'function') continue;
        if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        out.set(`${cls.name}_${key}`, { cls, handler: handler as Route['handler'] });
      }
    }
  }
  return out;
}

/**
 * The OpenAPI 3.1 document: paths from the controllers (@nestjs/swagger's scan), then each
 * operation written from its @ApiDoc (zod schemas of schemas/ and the DTOs), its access
 * decision (security and 401/403/429) and the shared error body.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Smart parking guidance API')
    .setDescription(
      'Driver guidance, signs, live streams (SSE), gateway ingest, police and admin. ' +
        'Errors are `{error, message, details?}`; the MQTT event contract is docs/asyncapi.json. ' +
        'Documentation UI: /docs.',
    )
    .setVersion('1')
    .build();
  const doc = SwaggerModule.createDocument(app, config) as unknown as Json & {
    paths: Record<string, Record<string, Json>>;
  };
  const reflector = new Reflector();
  const byId = routes(app);
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const route = byId.get(op.operationId as string);
      if (!route) continue;
      const targets = [route.handler, route.cls];
      const spec = reflector.getAllAndOverride<ApiDocSpec | undefined>(API_DOC_KEY, targets);
      const access = reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, targets);
      const skipRateLimit = reflector.getAllAndOverride<boolean>(SKIP_RATE_LIMIT, targets);
      const written: Json = {
        operationId: op.operationId,
        tags: spec?.tags ?? (op.tags as string[] | undefined) ?? [path.split('/')[2] ?? 'api'],
      };
      if (access) {
        written.security = SECURITY[access];
        written['x-access'] = access;
      }
      if (!spec) {
        item[method] = { ...written, responses: op.responses };
        continue;
      }
      written.summary = spec.summary;
      const description = [spec.description, access ? WHO[access] : undefined].filter(Boolean);
      if (description.length) written.description = description.join('\n\n');
      const params = parameters(path, spec);
      if (params.length) written.parameters = params;
      if (spec.body) {
        written.requestBody = {
          required: true,
          content: { 'application/json': { schema: jsonSchema(spec.body) } },
        };
      }
      const declared = Reflect.getMetadata(HTTP_CODE_METADATA, route.handler) as number | undefined;
      const verb = Reflect.getMetadata(METHOD_METADATA, route.handler) as RequestMethod;
      const status = declared ?? (verb === RequestMethod.POST ? 201 : 200);
      const errors = new Set<number>(spec.errors ?? []);
      if (spec.query || spec.body) errors.add(400);
      if (access && access !== 'public') errors.add(401);
      if (access === 'police' || access === 'operator' || access === 'admin') errors.add(403);
      if (access === 'public' && !skipRateLimit) errors.add(429);
      errors.add(500);
      const responses: Json = { [status]: successResponse(spec) };
      for (const s of [...errors].sort((a, b) => a - b)) responses[s] = errorResponse(s);
      for (const o of spec.others ?? []) {
        responses[o.status] = {
          description: o.description,
          content: { 'application/json': { schema: jsonSchema(o.response) } },
        };
      }
      written.responses = responses;
      item[method] = written;
    }
  }
  doc.openapi = '3.1.0';
  doc.components = { schemas: componentSchemas(), securitySchemes: SECURITY_SCHEMES };
  return doc as unknown as OpenAPIObject;
}

/** Builds the OpenAPI description from the controllers and hands it to /v1/openapi.json. */
export function attachOpenApi(app: INestApplication): void {
  const holder = app.get(OpenApiDocument, { strict: false });
  holder.document = buildOpenApiDocument(app);
}
