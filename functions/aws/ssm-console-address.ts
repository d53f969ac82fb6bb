import { GetParameterCommand, ParameterNotFound, type SSMClient } from '@aws-sdk/client-ssm';
import { consoleAddress } from '../core/review/console-address.js';
import type { ConsoleAddressSource } from '../core/review/ports.js';
import type { Clock } from '../core/shared/clock.js';
import type { EventLog } from '../core/shared/event-log.js';
import { ssmClient } from './clients/ssm.js';

/** The console's address, as the stack (or `warden console --local`) publishes it in SSM. */
export class SsmConsoleAddress implements ConsoleAddressSource {
  constructor(
    private readonly ssm: SSMClient,
    private readonly parameterName: string,
  ) {}

  async read(): Promise<string | undefined> {
    try {
      const { Parameter } = await this.ssm.send(
        new GetParameterCommand({ Name: this.parameterName }),
      );
      return Parameter?.Value;
    } catch (error) {
      if (error instanceof ParameterNotFound) return undefined;
      throw error;
    }
  }
}

const perContainer = new Map<string, () => Promise<string | undefined>>();

/**
 * The console's address published under `parameterName`, read at most once per quarter hour per
 * container (see consoleAddress); undefined without a parameter name.
 */
export function publishedConsoleAddress(
  parameterName: string | undefined,
  deps: { clock: Clock; log: EventLog },
): Promise<string | undefined> {
  if (!parameterName) return Promise.resolve(undefined);
  let address = perContainer.get(parameterName);
  if (!address) {
    address = consoleAddress(new SsmConsoleAddress(ssmClient(), parameterName), deps);
    perContainer.set(parameterName, address);
  }
  return address();
}
