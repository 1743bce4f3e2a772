import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { type HubRuntime, logLevelsFor } from '@koppelhub/application';
import helmet from 'helmet';
import { ApiModule } from './app.module';
import { StorableInputPipe } from './http/storable-input.pipe';
import { requestValidationPipe } from './http/request-validation';
import { requireJsonBody } from './http/json-only-body';
import { rejectUnreadableBody } from './http/unreadable-body';
import { answerUnparsableRequests } from './http/unparsable-request';

/** The HTTP application over a started runtime; `main.ts` and the end-to-end tests both use it. */
export async function createApi(runtime: HubRuntime, options: { logger?: false | undefined } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRuntime(runtime), {
    logger: options.logger ?? logLevelsFor(runtime.settings.LOG_LEVEL),
    // Registered below instead, so that their failures pass `rejectUnreadableBody` first.
    bodyParser: false,
  });
  answerUnparsableRequests(app.getHttpServer());
  app.useGlobalPipes(new StorableInputPipe(), requestValidationPipe);
  // Swagger UI at /api/docs loads its own inline styles and scripts; the API answers only JSON.
  app.use(helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'", "'unsafe-inline'"], 'style-src': ["'self'", "'unsafe-inline'", 'https:'] } } }));
  app.use(requireJsonBody);
  app.useBodyParser('json', { type: ['application/json', 'application/*+json'] });
  app.use(rejectUnreadableBody);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Koppelhub')
      .setDescription('Client registration hub: commands, read models and history')
      .setVersion('0.1.0')
      .addApiKey({ type: 'apiKey', name: 'X-API-Key', in: 'header' }, 'api-key')
      .addBearerAuth()
      .addSecurityRequirements('api-key')
      .addSecurityRequirements('bearer')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document);
  return app;
}
