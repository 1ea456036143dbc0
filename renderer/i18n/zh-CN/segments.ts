// Strings of the segments screen (zh-CN).
export default {} as const;
