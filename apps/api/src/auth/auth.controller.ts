import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { AuthService } from '@app/auth';
import type { Principal } from '@app/domain';
import { Access, Public } from '../common/public.decorator';
import { loginBodySchema } from './login.dto';
import { CurrentPrincipal } from './principal.decorator';
import { parseOrThrow } from './zod-body';

@Controller('v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Staff login: a short-lived HS256 bearer token. */
  @Public()
  @Post('login')
  @HttpCode(200)
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
  me(@CurrentPrincipal() p: Principal) {
    return { username: p.username, role: p.role, zones: p.zones };
  }
}
