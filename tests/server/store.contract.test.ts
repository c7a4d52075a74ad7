// The same storage contract over SQLite (always) and PostgreSQL (when TEST_DATABASE_URL is set).
import { engines } from './fixtures';
import { storeContract } from './storeContract';

for (const engine of engines) storeContract(engine);
