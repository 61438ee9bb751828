#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { isWardenError } from '../errors.js';
import { auditCommand } from './audit.js';
import { accountsCommand, keysCommand, orgsCommand, usageCommand } from './manage.js';
import { serveCommand, upstreamSimCommand } from './serve.js';
import { replayCommand } from './replay.js';
import { simulateCommand } from './simulate.js';
import { watermarkCommand } from './watermark.js';

const program = new Command('warden')
  .description('Warden: the governance boundary in front of model APIs')
  .version('0.1.0')
  .showHelpAfterError()
  .exitOverride();

program.addCommand(serveCommand());
program.addCommand(upstreamSimCommand());
program.addCommand(orgsCommand());
program.addCommand(accountsCommand());
program.addCommand(keysCommand());
program.addCommand(usageCommand());
program.addCommand(auditCommand());
program.addCommand(simulateCommand());
program.addCommand(replayCommand());
program.addCommand(watermarkCommand());

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode);
  if (isWardenError(err)) {
    process.stderr.write(`error: ${err.message} (${err.code})\n`);
    process.exit(err.code === 'WARDEN_ERR_CONFIG' ? 2 : 1);
  }
  process.stderr.write(`error: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
}
