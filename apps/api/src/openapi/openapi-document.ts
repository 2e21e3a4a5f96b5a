import { Injectable } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';

/** Holds the OpenAPI document built at boot (bootstrap.ts) for the controller to serve. */
@Injectable()
export class OpenApiDocument {
  document: OpenAPIObject | null = null;
}
