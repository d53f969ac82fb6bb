import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  type SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import type { RotatingSecret } from '../core/geo/key-rotation.js';
import { WardenError } from '../core/shared/errors.js';

/** A Secrets Manager secret as a rotation function sees it: staging labels on versions. */
export class SecretsRotatingSecret implements RotatingSecret {
  constructor(
    private readonly client: SecretsManagerClient,
    private readonly secretId: string,
  ) {}

  async current(): Promise<string> {
    const { SecretString } = await this.client.send(
      new GetSecretValueCommand({ SecretId: this.secretId, VersionStage: 'AWSCURRENT' }),
    );
    if (!SecretString) throw new WardenError('the secret has no current value');
    return SecretString;
  }

  async pending(versionId: string): Promise<string | undefined> {
    try {
      const { SecretString } = await this.client.send(
        new GetSecretValueCommand({
          SecretId: this.secretId,
          VersionId: versionId,
          VersionStage: 'AWSPENDING',
        }),
      );
      return SecretString;
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return undefined;
      throw error;
    }
  }

  async putPending(versionId: string, value: string): Promise<void> {
    await this.client.send(
      new PutSecretValueCommand({
        SecretId: this.secretId,
        ClientRequestToken: versionId,
        SecretString: value,
        VersionStages: ['AWSPENDING'],
      }),
    );
  }

  async promote(versionId: string): Promise<void> {
    const { VersionIdsToStages = {} } = await this.client.send(
      new DescribeSecretCommand({ SecretId: this.secretId }),
    );
    const current = Object.entries(VersionIdsToStages).find(([, stages]) =>
      stages.includes('AWSCURRENT'),
    )?.[0];
    if (current === versionId) return;
    await this.client.send(
      new UpdateSecretVersionStageCommand({
        SecretId: this.secretId,
        VersionStage: 'AWSCURRENT',
        MoveToVersionId: versionId,
        RemoveFromVersionId: current,
      }),
    );
  }
}
