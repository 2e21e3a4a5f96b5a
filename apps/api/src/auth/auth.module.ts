import { Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { AuthService, JwtTokens, UserRepository } from '@app/auth';
import { PgUserRepository } from '@app/persistence';
import { PersistenceModule } from '@app/persistence';
import { DataSource } from 'typeorm';
import { AuthController } from './auth.controller';
import { UsersController } from './users.controller';

@Module({
  imports: [PersistenceModule],
  controllers: [AuthController, UsersController],
  providers: [
    {
      provide: JwtTokens,
      inject: [AppConfig],
      useFactory: (c: AppConfig) => new JwtTokens(c.auth),
    },
    {
      provide: UserRepository,
      inject: [DataSource],
      useFactory: (ds: DataSource) => new PgUserRepository(ds),
    },
    {
      provide: AuthService,
      inject: [UserRepository, JwtTokens],
      useFactory: (users: UserRepository, tokens: JwtTokens) => new AuthService(users, tokens),
    },
  ],
  exports: [AuthService],
})
export class AuthModule {}
