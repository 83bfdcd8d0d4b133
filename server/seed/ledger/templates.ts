import type { SiteKind } from '../../domain/sites'

/** Where a hazard of an item is found: at a kind of site, on a road, on the water, in the hills, or in a village. */
export type Placement =
  | { at: 'site'; kinds: readonly SiteKind[] }
  | { at: 'road' }
  | { at: 'water' }
  | { at: 'village' }

interface ItemPlan {
  weight: number
  place: Placement
  /** {v} village, {s} site, {r} road */
  titles: readonly string[]
}

const site = (...kinds: SiteKind[]): Placement => ({ at: 'site', kinds })
const village: Placement = { at: 'village' }

/** How often each focus item turns up and what its ledger entries read like. */
export const itemPlans: Record<string, ItemPlan> = {
  key_persons: { weight: 3, place: village, titles: ['{v}流动人口登记信息不全', '{v}涉恐重点关注人员动向异常', '{v}外来务工人员聚居点底数不清'] },
  key_places: { weight: 4, place: site('hotel', 'internet_cafe', 'rental_cluster', 'gas_station', 'chemical_shop', 'logistics_firm', 'scrap_yard'), titles: ['{s}未落实实名登记制度', '{s}寄递物品未开箱验视', '{s}散装汽油销售登记不全'] },
  key_items: { weight: 2, place: site('hardware_workshop', 'chemical_shop', 'scrap_yard', 'market'), titles: ['{s}管制刀具销售无登记', '{s}易制爆化学品存放不规范', '{s}收购来源不明金属物品'] },
  key_parts: { weight: 2, place: site('school', 'kindergarten', 'hospital', 'square', 'station'), titles: ['{s}防冲撞设施缺失', '{s}安保人员配备不足', '{s}视频监控存在盲区'] },
  interest_groups: { weight: 2, place: village, titles: ['{v}涉军群体诉求未化解', '{v}涉师群体待遇问题反映'] },
  land_disputes: { weight: 5, place: village, titles: ['{v}土地流转补偿纠纷', '{v}宅基地边界纠纷', '{v}征地补偿款分配矛盾'] },
  labour_disputes: { weight: 4, place: site('hazardous_enterprise', 'hardware_workshop', 'logistics_firm', 'large_complex'), titles: ['{s}拖欠农民工工资', '{s}劳动合同纠纷', '{s}社保缴纳争议'] },
  pollution_disputes: { weight: 3, place: site('hazardous_enterprise', 'chemical_shop', 'scrap_yard'), titles: ['{s}异味扰民引发群众不满', '{s}污水排放引发纠纷'] },
  operator_losses: { weight: 2, place: site('market', 'station', 'large_complex'), titles: ['{s}商户租金纠纷', '{s}摊贩经营权益受损'] },
  fraud_victims: { weight: 2, place: village, titles: ['{v}村民遭遇电信诈骗', '{v}非法集资受损群体聚集'] },
  cadre_conflicts: { weight: 2, place: village, titles: ['{v}村务公开不到位引发质疑', '{v}干群矛盾信访'] },
  doctor_education_disputes: { weight: 2, place: site('hospital', 'school', 'kindergarten'), titles: ['{s}医患纠纷', '{s}学生家长与学校纠纷'] },
  online_hype: { weight: 1, place: village, titles: ['{v}网络负面舆情炒作'] },
  ethnic_religious: { weight: 1, place: site('religious_venue'), titles: ['{s}私设活动点', '{s}宗教活动登记不规范'] },
  cult_hostile: { weight: 1, place: village, titles: ['{v}发现邪教宣传品', '{v}可疑人员聚集活动'] },
  petitioners: { weight: 4, place: village, titles: ['{v}村民多次越级上访', '{v}信访积案长期未化解'] },
  crisis_persons: { weight: 2, place: village, titles: ['{v}村民因家庭变故情绪低落', '{v}婚恋纠纷当事人情绪偏激'] },
  official_grievance: { weight: 2, place: village, titles: ['{v}村民对办事拖延强烈不满'] },
  cult_corrections: { weight: 2, place: village, titles: ['{v}社区矫正人员未按时报到', '{v}顽固邪教人员动向'] },
  mental_drug: { weight: 3, place: village, titles: ['{v}严重精神障碍患者监护缺失', '{v}吸毒人员脱管'] },
  violent_debt: { weight: 1, place: site('hardware_workshop', 'hazardous_enterprise', 'large_complex'), titles: ['{s}暴力讨债苗头', '{s}恶意欠薪引发冲突风险'] },
  production: { weight: 9, place: site('gas_station', 'chemical_shop', 'hazardous_enterprise', 'hardware_workshop'), titles: ['{s}消防器材过期', '{s}危化品储存超量', '{s}电气线路私拉乱接', '{s}安全操作规程未上墙'] },
  fire: { weight: 10, place: site('high_rise', 'large_complex', 'market', 'rental_cluster', 'hotel', 'internet_cafe'), titles: ['{s}消防通道堵塞', '{s}疏散指示标志损坏', '{s}电动车楼道充电', '{s}灭火器配置不足'] },
  road_traffic: { weight: 9, place: { at: 'road' }, titles: ['{r}超载车辆通行', '{r}交叉路口缺少警示标志', '{r}农用车违法载人', '{r}路段照明缺失'] },
  food_drug: { weight: 5, place: site('canteen', 'market', 'school', 'kindergarten'), titles: ['{s}食材进货台账缺失', '{s}从业人员健康证过期', '{s}过期食品未及时下架'] },
  public_health: { weight: 3, place: site('hospital', 'school', 'kindergarten', 'market'), titles: ['{s}传染病晨检记录不全', '{s}活禽交易消毒不到位'] },
  large_events: { weight: 2, place: site('square', 'market', 'station'), titles: ['{s}大型活动安保预案缺失', '{s}集市人员密集无疏导措施'] },
  natural_disasters: { weight: 5, place: { at: 'water' }, titles: ['{s}汛期水位超警戒', '{s}坝体渗漏', '{s}山体边坡落石风险', '{s}河道行洪障碍'] },
}

export const measureTemplates: readonly string[] = [
  '落实专人包保，每日巡查，限期整改到位',
  '下达整改通知书，督促责任单位限期整改',
  '加强人防物防技防措施，纳入重点管控',
  '会商研判，制定化解方案，明确责任人',
  '开展专项检查，建立整改台账，逐项销号',
]

export const escalationReasons: readonly string[] = [
  '涉及多个部门，村级无法解决，提请牵头单位会诊',
  '情况紧急，存在扩大风险',
  '整改难度大，需镇级协调资金',
  '当事人情绪激烈，需联合稳控',
]

export const verifyFailNotes: readonly string[] = ['整改不彻底，退回重新整改', '佐证材料不全，补充后再验收']
export const rectifyNotes: readonly string[] = ['已按要求整改完毕，附整改照片', '现场整改到位', '已完成整改并建立长效机制']
