import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthService } from '@app/auth';
import type { Principal } from '@app/domain';
import { Access, Public } from '../common/public.decorator';
import { loginBodySchema } from './login.dto';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { loginAnswerSchema, meSchema } from '../openapi/schemas/staff.schemas';
import { CurrentPrincipal } from './principal.decorator';
import { parseOrThrow } from './zod-body';

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Staff login: a short-lived HS256 bearer token. */
  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Staff login: a short-lived bearer token',
    body: loginBodySchema,
    response: loginAnswerSchema,
    description: 'Wrong username or password: 401.',
    errors: [401, 503],
  })
  async login(@Body() body: unknown) {
    const { username, password } = parseOrThrow(loginBodySchema, body);
    const r = await this.auth.login(username, password);
    return {
      accessToken: r.token,
      tokenType: 'Bearer',
      expiresAt: r.expiresAt.toISOString(),
      user: { username: r.principal.username, role: r.principal.role, zones: r.principal.zones },
    };
  }

  /** Who the token belongs to (dashboards show it). */
  @Access('police')
  @Get('me')
  @ApiDoc({ summary: 'Who the bearer token belongs to', response: meSchema })
  me(@CurrentPrincipal() p: Principal) {
    return { username: p.username, role: p.role, zones: p.zones };
  }
}
