import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { NotFoundError } from '@app/domain';
import type { FastifyReply } from 'fastify';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Public } from '../common/public.decorator';
import { SkipRateLimit } from '../common/rate-limit.decorator';

/** swagger-ui-dist as @nestjs/swagger depends on it (npm assets, no CDN at run time). */
function assetsDir(): string {
  const swagger = dirname(require.resolve('@nestjs/swagger/package.json'));
  return dirname(require.resolve('swagger-ui-dist/absolute-path.js', { paths: [swagger] }));
}

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'index.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

/* Relative URLs: the page is /docs, so they resolve under whatever prefix a proxy adds. */
const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Smart parking API</title>
    <link rel="stylesheet" href="docs/swagger-ui.css" />
    <link rel="stylesheet" href="docs/index.css" />
    <link rel="icon" type="image/png" href="docs/favicon-32x32.png" sizes="32x32" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="docs/swagger-ui-bundle.js"></script>
    <script src="docs/swagger-ui-standalone-preset.js"></script>
    <script src="docs/swagger-initializer.js"></script>
  </body>
</html>
`;

const INITIALIZER = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: new URL('v1/openapi.json', window.location.href).href,
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
  });
};
`;

/**
 * The documentation UI (Swagger UI) over /v1/openapi.json. Public, like the document it shows
 * (client developers build against it; it holds no data), and exempt from the rate limit.
 */
@ApiExcludeController()
@Controller('docs')
export class DocsController {
  private readonly cache = new Map<string, Buffer>();

  @Public()
  @SkipRateLimit()
  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    return PAGE;
  }

  @Public()
  @SkipRateLimit()
  @Get(':file')
  asset(@Param('file') file: string, @Res() reply: FastifyReply): void {
    void reply.header('cache-control', 'public, max-age=3600');
    if (file === 'swagger-initializer.js') {
      void reply.type('application/javascript; charset=utf-8').send(INITIALIZER);
      return;
    }
    const type = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined;
    if (!type) throw new NotFoundError('documentation asset', file);
    let body = this.cache.get(file);
    if (!body) this.cache.set(file, (body = readFileSync(join(assetsDir(), file))));
    void reply.type(type).send(body);
  }
}
