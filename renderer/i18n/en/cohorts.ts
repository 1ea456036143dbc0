// Strings of the cohorts screen (en).
export default {} as const;
