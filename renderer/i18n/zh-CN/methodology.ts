// Strings of the methodology screen (zh-CN).
export default {} as const;
