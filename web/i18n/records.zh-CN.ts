/** Messages of the workbench's record panels (inspections, campaigns, key persons, bulletin, files, boundaries), in Chinese. */
export const recordsZhCN = {
  title: '记录与报表',
}

export type RecordsMessages = typeof recordsZhCN
