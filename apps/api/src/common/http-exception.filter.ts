import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DomainError, DomainErrorCode } from '@app/domain';
import type { FastifyReply } from 'fastify';

const STATUS: Record<DomainErrorCode, number> = {
  bad_request: 400,
  validation_failed: 422,
  not_found: 404,
  conflict: 409,
  unauthorized: 401,
  forbidden: 403,
  unavailable: 503,
};

const HTTP_CODE: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_failed',
  429: 'rate_limited',
};

/** Every error leaves as JSON `{error, message}` (plus optional `details`). */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    replyWithError(host.switchToHttp().getResponse<FastifyReply>(), exception, this.logger);
  }
}

/** The filter's answer, also used by the routes served outside Nest's pipeline. */
export function replyWithError(reply: FastifyReply, exception: unknown, logger: Logger): void {
  if (exception instanceof DomainError) {
    const body: Record<string, unknown> = { error: exception.code, message: exception.message };
    if (exception.details !== undefined) body.details = exception.details;
    void reply.status(STATUS[exception.code]).send(body);
    return;
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const res = exception.getResponse();
    const message =
      typeof res === 'string' ? res : ((res as { message?: unknown }).message ?? exception.message);
    void reply.status(status).send({
      error: HTTP_CODE[status] ?? (status >= 500 ? 'internal_error' : 'error'),
      message: Array.isArray(message) ? message.join('; ') : String(message),
    });
    return;
  }
  const fastifyStatus = (exception as { statusCode?: number })?.statusCode;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    void reply.status(fastifyStatus).send({
      error: HTTP_CODE[fastifyStatus] ?? 'error',
      message: (exception as Error).message,
    });
    return;
  }
  logger.error(exception instanceof Error ? exception.stack : String(exception));
  void reply.status(500).send({ error: 'internal_error', message: 'internal server error' });
}
