// Named scenarios saved in the workspace: churn.scenarios(name, spec, saved_at).
// Saving a name again replaces it.
import { scenarioSchema, type SavedScenario, type ScenarioInput } from '../../shared/scenarios.js';
import { EngineError } from '../../shared/result.js';
import type { Database } from '../runtime/database.js';

const DDL = `CREATE SCHEMA IF NOT EXISTS churn;
CREATE TABLE IF NOT EXISTS churn.scenarios (name VARCHAR PRIMARY KEY, spec JSON, saved_at TIMESTAMP)`;

export async function listScenarios(db: Database): Promise<SavedScenario[]> {
  await db.run(DDL);
  const rows = await db.rows("SELECT name, CAST(spec AS VARCHAR) AS spec, strftime(saved_at, '%Y-%m-%dT%H:%M:%S') AS saved_at FROM churn.scenarios ORDER BY name");
  return rows.map((row) => ({ name: String(row.name), scenario: scenarioSchema.parse(JSON.parse(String(row.spec))), saved_at: String(row.saved_at) }));
}

export async function saveScenario(db: Database, input: ScenarioInput): Promise<SavedScenario[]> {
  const scenario = scenarioSchema.parse(input);
  await db.run(DDL);
  await db.run('INSERT OR REPLACE INTO churn.scenarios VALUES (?, CAST(? AS JSON), CAST(now() AS TIMESTAMP))', [scenario.name, JSON.stringify(scenario)]);
  return listScenarios(db);
}

export async function deleteScenario(db: Database, name: string): Promise<SavedScenario[]> {
  await db.run(DDL);
  const [row] = await db.rows('SELECT count(*) AS n FROM churn.scenarios WHERE name = ?', [name]);
  if (!Number(row?.n)) throw new EngineError('not_found', `There is no saved scenario named "${name}".`);
  await db.run('DELETE FROM churn.scenarios WHERE name = ?', [name]);
  return listScenarios(db);
}
