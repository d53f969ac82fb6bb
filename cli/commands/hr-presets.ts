import type { Command } from 'commander';
import { FEED_PRESETS } from '../../functions/core/hr/presets/index.js';

export function registerHrPresets(hr: Command): void {
  hr.command('presets')
    .description("list the presets for HR systems' exports (--preset NAME, or feed.preset)")
    .option('--json', 'print the presets as JSON')
    .action((options: { json?: boolean }) => {
      const presets = Object.values(FEED_PRESETS);
      if (options.json) {
        console.log(JSON.stringify(presets, null, 2));
        return;
      }
      for (const preset of presets) {
        console.log(`${preset.name}: ${preset.system}`);
        console.log(`  ${preset.summary}`);
        for (const [column, headers] of Object.entries(preset.columns))
          console.log(`  ${column.padEnd(12)} <- ${headers.map((h) => `"${h}"`).join(' or ')}`);
        if (preset.statusMap)
          console.log(
            `  status       active: ${preset.statusMap.active.join(', ')}; leaver: ${preset.statusMap.leaver.join(', ')}`,
          );
        if (preset.statusFromDate)
          console.log('  status       from the date: a record with one is a leaver');
        if (preset.dateFormats)
          console.log(`  dates        ${preset.dateFormats.join(', ')} (and YYYY-MM-DD)`);
        if (preset.headerRows) console.log(`  header rows  ${preset.headerRows}`);
        if (preset.undatedLeavers) console.log('  a leaver without a date has already left');
        for (const url of preset.sources) console.log(`  source: ${url}`);
        console.log('');
      }
    });
}
