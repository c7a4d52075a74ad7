// npm run -s admin -- COMMAND [options]: manage units, users, quarters and personal data from a shell,
// on the same store as the server (SQLite under DATA_DIR or ./data, or DATABASE_URL). Each command prints
// JSON on stdout; bad input exits 2 with a message on stderr.
import { openStore, InputError, type ServerStore, type Role } from '../server/store';
import { parseBeforeDate } from '../server/purgeDate';
import { retentionStatus, validateRetention, RETENTION_SETTING, loadRetention } from '../server/retention';

const USAGE = `usage: npm run -s admin -- COMMAND [options]
  create-unit --name NAME [--phone PHONE] [--starts-on YYYY-MM-DD]
  set-unit-start --unit ID --starts-on YYYY-MM-DD|none
  create-user --username U --role tester|unitHead|admin [--unit ID…] [--display-name NAME] --password-stdin
  list-units
  list-users
  close-quarter 115-Q3
  reopen-quarter 115-Q3 --reason TEXT
  purge-personal-data --before 2025-01-01
  disable-user USERNAME            (their sessions end at once)
  enable-user USERNAME
  reset-password USERNAME          (prints a temporary password; it must be changed at the next sign-in)
  set-role USERNAME --role tester|unitHead|admin [--unit ID…]
  set-units USERNAME --unit ID…
  revoke-sessions USERNAME
  list-locks                       (sign-in throttles now locked)
  unlock-login --username U | --address A
  retention [--months N]           (show, or set, how long personal data is kept; shows whether a purge is due)
  check-records [--recheck]   what the record contract repaired or set aside (--recheck: check every stored record now)`;

class UsageError extends Error {}

type Parsed = { positional: string[]; flags: Map<string, string[]> };

/** --flag value, --flag=value, --flag v1 v2 (for --unit), and bare --switches. */
function parse(args: string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const values = flags.get(name) ?? [];
    if (inline !== undefined) values.push(inline);
    else while (i + 1 < args.length && !args[i + 1].startsWith('--')) values.push(args[++i]);
    flags.set(name, values);
  }
  return { positional, flags };
}

function allowOnly(p: Parsed, allowed: string[], positional = 0) {
  for (const name of p.flags.keys()) if (!allowed.includes(name)) throw new UsageError(`unknown option --${name}`);
  if (p.positional.length > positional) throw new UsageError(`unexpected argument ${JSON.stringify(p.positional[positional])}`);
}

function one(p: Parsed, name: string, required: true): string;
function one(p: Parsed, name: string, required?: false): string | undefined;
function one(p: Parsed, name: string, required = false): string | undefined {
  const values = p.flags.get(name);
  if (!values || values.length === 0) {
    if (required) throw new UsageError(`--${name} is required`);
    if (values) throw new UsageError(`--${name} needs a value`);
    return undefined;
  }
  if (values.length > 1) throw new UsageError(`--${name} takes one value, got ${values.length}`);
  return values[0];
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError('--password-stdin: pipe the password in, e.g. `echo "$PW" | npm run -s admin -- create-user …`');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

const print = (value: unknown): void => void process.stdout.write(JSON.stringify(value, null, 2) + '\n');

async function userNamed(store: ServerStore, p: Parsed, command: string) {
  const name = p.positional[0];
  if (!name) throw new UsageError(`${command} needs a username`);
  const user = (await store.listUsers()).find((u) => u.username === name.toLowerCase());
  if (!user) throw new InputError(`username: no user named ${JSON.stringify(name)}`);
  return user;
}

async function run(store: ServerStore, command: string, p: Parsed): Promise<void> {
  switch (command) {
    case 'create-unit': {
      allowOnly(p, ['name', 'phone', 'starts-on']);
      const phone = one(p, 'phone');
      const startsOn = one(p, 'starts-on');
      const unit = await store.createUnit({ name: one(p, 'name', true), ...(phone ? { phone } : {}), ...(startsOn ? { startsOn } : {}) });
      await store.audit({ actor: 'cli', action: 'create-unit', target: unit.id, detail: unit.name });
      return print(unit);
    }
    case 'set-unit-start': {
      // The unit's own start date: plan periods wholly before it are 免測 (not the row's creation time).
      allowOnly(p, ['unit', 'starts-on']);
      const raw = one(p, 'starts-on', true);
      const unit = await store.setUnitStart(one(p, 'unit', true), raw === 'none' ? null : raw);
      await store.audit({ actor: 'cli', action: 'unit-start', target: unit.id, detail: `${unit.name}: ${unit.startsOn ?? '—'}` });
      return print(unit);
    }
    case 'create-user': {
      allowOnly(p, ['username', 'role', 'unit', 'display-name', 'password-stdin']);
      if (!p.flags.has('password-stdin')) throw new UsageError('--password-stdin is required (passwords never go on the command line)');
      if (p.flags.get('password-stdin')!.length > 0) throw new UsageError('--password-stdin takes no value; pipe the password in');
      const username = one(p, 'username', true);
      const role = one(p, 'role', true) as Role;
      if (!['tester', 'unitHead', 'admin'].includes(role)) throw new UsageError(`--role must be tester, unitHead or admin, not ${JSON.stringify(role)}`);
      const displayName = one(p, 'display-name');
      const unitIds = p.flags.get('unit') ?? [];
      const password = await readStdin();
      const user = await store.createUser({ username, password, role, unitIds, ...(displayName ? { displayName } : {}) });
      await store.audit({ actor: 'cli', action: 'create-user', target: user.id, detail: `${user.username} (${user.role})` });
      return print(user);
    }
    case 'list-units':
      allowOnly(p, []);
      return print(await store.listUnits());
    case 'list-users':
      allowOnly(p, []);
      return print(await store.listUsers());
    case 'close-quarter':
    case 'reopen-quarter': {
      const closing = command === 'close-quarter';
      allowOnly(p, closing ? [] : ['reason'], 1);
      const key = p.positional[0];
      if (!key) throw new UsageError(`${command} needs a quarter, e.g. 115-Q3`);
      const reason = closing ? undefined : one(p, 'reason', true);
      const state = await store.setQuarterClosed(key, closing, 'cli');
      await store.audit({ actor: 'cli', action: closing ? 'quarter-close' : 'quarter-reopen', target: state.key, ...(reason ? { detail: reason } : {}) });
      return print(state);
    }
    case 'purge-personal-data': {
      allowOnly(p, ['before']);
      const raw = one(p, 'before', true);
      const before = parseBeforeDate(raw);
      if (!before) throw new UsageError(`--before must be an ISO date like 2025-01-01, not ${JSON.stringify(raw)}`);
      const purged = await store.purgePersonalData(before);
      await store.audit({ actor: 'cli', action: 'purge-personal-data', detail: `before ${before}: ${purged} tests` });
      return print({ purged, before });
    }
    case 'disable-user':
    case 'enable-user': {
      allowOnly(p, [], 1);
      const user = await userNamed(store, p, command);
      const updated = await store.setUserDisabled(user.id, command === 'disable-user');
      await store.audit({ actor: 'cli', action: command === 'disable-user' ? 'user-disable' : 'user-enable', target: user.id, detail: user.username });
      return print(updated);
    }
    case 'reset-password': {
      allowOnly(p, [], 1);
      const user = await userNamed(store, p, command);
      const { user: updated, temporaryPassword } = await store.resetPassword(user.id);
      await store.audit({ actor: 'cli', action: 'user-reset-password', target: user.id, detail: user.username });
      return print({ user: updated, temporaryPassword });
    }
    case 'set-role':
    case 'set-units': {
      allowOnly(p, command === 'set-role' ? ['role', 'unit'] : ['unit'], 1);
      const user = await userNamed(store, p, command);
      const role = command === 'set-role' ? (one(p, 'role', true) as Role) : undefined;
      if (role && !['tester', 'unitHead', 'admin'].includes(role)) throw new UsageError(`--role must be tester, unitHead or admin, not ${JSON.stringify(role)}`);
      const unitIds = p.flags.get('unit');
      if (command === 'set-units' && !unitIds) throw new UsageError('--unit is required (one or more unit ids)');
      const updated = await store.updateUser(user.id, { ...(role ? { role } : {}), ...(unitIds ? { unitIds } : {}) });
      await store.audit({ actor: 'cli', action: 'user-update', target: user.id, detail: `${user.username}: role ${user.role} → ${updated.role}; units ${user.unitIds.length} → ${updated.unitIds.length}` });
      return print(updated);
    }
    case 'revoke-sessions': {
      allowOnly(p, [], 1);
      const user = await userNamed(store, p, command);
      const revoked = await store.revokeSessions(user.id);
      await store.audit({ actor: 'cli', action: 'user-revoke-sessions', target: user.id, detail: `${user.username}: ${revoked} sessions` });
      return print({ revoked });
    }
    case 'list-locks':
      allowOnly(p, []);
      return print(await store.listLoginLocks());
    case 'unlock-login': {
      allowOnly(p, ['username', 'address']);
      const username = one(p, 'username')?.toLowerCase();
      const address = one(p, 'address');
      if (!username && !address) throw new UsageError('unlock-login needs --username U or --address A');
      const cleared = await store.unlockLogin({ ...(username ? { username } : {}), ...(address ? { address } : {}) });
      await store.audit({ actor: 'cli', action: 'login-unlock', target: username ?? address, detail: `${cleared} counters cleared` });
      return print({ cleared });
    }
    case 'retention': {
      allowOnly(p, ['months']);
      const months = one(p, 'months');
      if (months !== undefined) {
        const checked = validateRetention({ months: /^\d+$/.test(months) ? Number(months) : months });
        if (!checked.ok) throw new UsageError(`--${checked.error}`);
        const before = await loadRetention(store);
        await store.setSetting(RETENTION_SETTING, checked.value);
        await store.audit({ actor: 'cli', action: 'settings.retention', target: RETENTION_SETTING, detail: `months ${before.months} → ${checked.value.months}` });
      }
      return print(await retentionStatus(store));
    }
    case 'check-records': {
      // Stored records are checked once when the contract changes (on start); --recheck runs it now.
      allowOnly(p, ['recheck']);
      const checked = p.flags.has('recheck') ? await store.checkRecords() : undefined;
      if (checked) await store.audit({ actor: 'cli', action: 'check-records', detail: `checked ${checked.checked}, repaired ${checked.repaired}, set aside ${checked.setAside}` });
      const problems = await store.listRecordProblems();
      return print({
        ...(checked ? { checked } : {}),
        setAside: problems.filter((p) => p.setAside),
        repaired: problems.filter((p) => p.action === 'repaired'),
      });
    }
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  }
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || command === '--help' || command === 'help') {
    process.stderr.write(USAGE + '\n');
    return command ? 0 : 2;
  }
  let store: ServerStore | undefined;
  try {
    const parsed = parse(rest);
    store = await openStore({ databaseUrl: process.env.DATABASE_URL || undefined });
    await run(store, command, parsed);
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof InputError) {
      process.stderr.write(`admin ${command}: ${e.message}\n${e instanceof UsageError ? USAGE + '\n' : ''}`);
      return 2;
    }
    process.stderr.write(`admin ${command}: failed: ${(e as Error).message}\n`);
    return 1;
  } finally {
    await store?.close();
  }
}

process.exitCode = await main();
