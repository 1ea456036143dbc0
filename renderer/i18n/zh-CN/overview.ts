// Strings of the overview screen (zh-CN).
export default {} as const;
