// The same storage contract over SQLite and PostgreSQL (TEST_DATABASE_URL, else the run's own server).
import { engines } from './fixtures';
import { storeContract } from './storeContract';

for (const engine of engines) storeContract(engine);
