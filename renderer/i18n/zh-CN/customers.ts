// Strings of the customers screen (zh-CN).
export default {} as const;
