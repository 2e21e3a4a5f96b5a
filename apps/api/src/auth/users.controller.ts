import { Body, Controller, Get, Post } from '@nestjs/common';
import { AuthService } from '@app/auth';
import { z } from 'zod';
import { Access } from '../common/public.decorator';
import { parseOrThrow } from './zod-body';

const createUserSchema = z
  .object({
    username: z.string().min(1).max(64),
    password: z.string().min(1).max(1024),
    role: z.enum(['admin', 'operator', 'police']),
    zones: z.array(z.string().max(64)).max(1000).default([]),
  })
  .strict();

/** Staff accounts, for administrators (the first admin comes from `npm run user`). */
@Access('admin')
@Controller('v1/auth/users')
export class UsersController {
  constructor(private readonly auth: AuthService) {}

  @Get()
  async list() {
    return { items: await this.auth.listUsers() };
  }

  @Post()
  async create(@Body() body: unknown) {
    const u = await this.auth.createUser(parseOrThrow(createUserSchema, body));
    return { id: u.id, username: u.username, role: u.role, zones: u.zones };
  }
}
