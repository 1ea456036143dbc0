// Strings of the revenue screen (zh-CN).
export default {} as const;
