import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { OpenApiDocument } from './openapi-document';

/** Builds the OpenAPI description from the controllers and hands it to /v1/openapi.json. */
export function attachOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Smart parking guidance API')
    .setDescription('Driver guidance, signs, live streams, police and admin (docs/api.md)')
    .setVersion('1')
    .addBearerAuth()
    .build();
  const holder = app.get(OpenApiDocument, { strict: false });
  holder.document = SwaggerModule.createDocument(app, config);
}
