// Preloaded into a child process (node --import) to report its peak resident memory on exit.
process.on('exit', () => {
  process.stderr.write(`\npeak-rss-kb=${process.resourceUsage().maxRSS}\n`);
});
