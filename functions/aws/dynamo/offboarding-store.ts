import type { Offboarding } from '../../core/offboarding/offboarding.js';
import type { OffboardingStore } from '../../core/offboarding/ports.js';
import { ITEM_KEY, PARTITION } from '../../core/shared/table-keys.js';
import { type GovernanceTable, type Item, withoutKeys } from './governance-table.js';

/** Offboarding requests, all in one partition: there are a few thousand at most. */
export class DynamoOffboardingStore implements OffboardingStore {
  constructor(private readonly table: GovernanceTable) {}

  async get(id: string): Promise<Offboarding | undefined> {
    const item = await this.table.get(ITEM_KEY.offboarding(id), true);
    return item ? decode(item) : undefined;
  }

  create(offboarding: Offboarding): Promise<boolean> {
    return this.table.putIfAbsent({
      ...ITEM_KEY.offboarding(offboarding.id),
      ...encode(offboarding),
    });
  }

  async save(offboarding: Offboarding): Promise<void> {
    await this.table.put({ ...ITEM_KEY.offboarding(offboarding.id), ...encode(offboarding) });
  }

  async list(): Promise<Offboarding[]> {
    const items = await this.table.queryAll(PARTITION.offboardings);
    return items.map(decode).sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime());
  }
}

/** Dates travel as ISO strings. */
function encode(o: Offboarding): Item {
  return {
    ...o,
    effectiveAt: o.effectiveAt.toISOString(),
    requestedAt: o.requestedAt.toISOString(),
    history: o.history.map((e) => ({ ...e, at: e.at.toISOString() })),
  };
}

function decode(item: Item): Offboarding {
  const o = withoutKeys(item) as unknown as Offboarding & {
    effectiveAt: string;
    requestedAt: string;
    history: { at: string }[];
  };
  return {
    ...o,
    effectiveAt: new Date(o.effectiveAt),
    requestedAt: new Date(o.requestedAt),
    history: o.history.map((e) => ({ ...e, at: new Date(e.at) })) as Offboarding['history'],
  };
}
