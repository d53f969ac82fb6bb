import { bamboohr } from './bamboohr.js';
import type { FeedPreset } from './feed-preset.js';
import { personio } from './personio.js';
import { successfactors } from './successfactors.js';
import { workday } from './workday.js';

export type { FeedPreset };

export const PRESET_NAMES = ['bamboohr', 'personio', 'workday', 'successfactors'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export const FEED_PRESETS: Record<PresetName, FeedPreset> = {
  bamboohr,
  personio,
  workday,
  successfactors,
};
