// Strings of the cohorts screen (zh-CN).
export default {} as const;
