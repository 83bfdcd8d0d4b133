import type { SiteMeasures } from '../../domain/schemas'
import type { SiteKind } from '../../domain/sites'
import type { Rng } from './random'

type Texts = Record<keyof SiteMeasures, readonly string[]>

/** 人防、物防、技防、心防 as a town's safety ledger would word them for each kind of site. */
const byKind: Record<SiteKind, Texts> = {
  gas_station: {
    people: ['站长负责制，每班安排专职安全员巡查', '配备2名保安，夜间双人值守'],
    physical: ['配置灭火器、灭火毯和消防沙，设防撞柱', '油罐区设围栏和防静电设施'],
    technical: ['视频监控全覆盖并接入派出所平台', '安装油气回收和液位报警系统'],
    psychological: ['每月开展散装汽油实名登记宣传', '员工每季度接受反恐防范教育'],
  },
  chemical_shop: {
    people: ['店主为安全第一责任人，专人管理库房', '销售人员持证上岗'],
    physical: ['危化品分类存放，设专用库房并双人双锁', '配置防泄漏托盘和灭火器材'],
    technical: ['安装视频监控，购销台账电子化', '库房装可燃气体报警器'],
    psychological: ['落实实名购买登记，定期开展法规宣传', '每半年组织一次应急演练'],
  },
  hardware_workshop: {
    people: ['车间主任兼任安全员，班前检查设备', '外来务工人员登记造册'],
    physical: ['管制刀具和切割工具集中存放上锁', '配备灭火器，疏散通道保持畅通'],
    technical: ['车间和仓库安装视频监控', '电气线路加装漏电保护'],
    psychological: ['定期开展安全生产和反恐知识培训', '关注员工思想动态，及时化解矛盾'],
  },
  scrap_yard: {
    people: ['经营者负责，落实收购登记制度', '村网格员每周上门巡查'],
    physical: ['物品分区堆放，设置围挡和防火间距', '配置消防水池和灭火器'],
    technical: ['出入口安装视频监控', '收购登记信息录入管理系统'],
    psychological: ['宣传禁收涉爆、涉枪物品规定', '与经营者签订治安责任书'],
  },
  logistics_firm: {
    people: ['网点负责人为安全责任人，设专职验视员', '快递员实名登记，持证上岗'],
    physical: ['设置封闭分拣区和可疑物品隔离箱', '配备防爆毯和灭火器材'],
    technical: ['落实100%X光机安检，监控覆盖收寄全程', '寄件人身份信息系统实名核验'],
    psychological: ['严格执行收寄验视、实名收寄、过机安检三项制度', '定期开展禁寄物品识别培训'],
  },
  hotel: {
    people: ['前台专人负责住宿登记，夜间值班巡查', '保安每两小时巡楼一次'],
    physical: ['安全出口标志齐全，每层配置灭火器', '客房配备逃生面罩和应急手电'],
    technical: ['旅客信息实时上传治安管理系统', '大厅和走廊视频监控全覆盖'],
    psychological: ['员工培训可疑人员识别和报告流程', '张贴反恐和消防安全宣传材料'],
  },
  internet_cafe: {
    people: ['业主负责实名上网管理，禁止未成年人进入', '营业时段专人巡场'],
    physical: ['安全出口不少于两个，配置灭火器', '严禁在营业场所吸烟和存放易燃物'],
    technical: ['上网实名认证并接入监管平台', '视频监控保存30天以上'],
    psychological: ['张贴文明上网和防诈骗提示', '发现涉恐涉暴信息立即报告'],
  },
  religious_venue: {
    people: ['管理小组负责，活动期间专人维持秩序', '民宗助理员定期走访'],
    physical: ['消防器材配备到位，香炉远离可燃物', '大型活动设置隔离和疏散通道'],
    technical: ['出入口和主要场所安装视频监控', '用电线路定期检测'],
    psychological: ['开展法治宣传，引导依法依规开展活动', '防范和抵御非法宗教渗透'],
  },
  rental_cluster: {
    people: ['房东为第一责任人，网格员每月入户核查', '流动人口信息登记率100%'],
    physical: ['楼道不堆放杂物，电动车集中停放充电', '每户配置灭火器'],
    technical: ['主要出入口安装视频监控和人脸门禁', '流动人口信息录入管理系统'],
    psychological: ['签订治安消防责任书，宣传防火防盗', '关心外来务工人员，及时调处纠纷'],
  },
  market: {
    people: ['市场管理办负责，逢集日安排专人巡查', '市场监管所定期检查食品摊点'],
    physical: ['划定摊位和消防通道，设置减速带', '配置灭火器和应急照明'],
    technical: ['主要路口安装视频监控', '肉类进货查验台账电子化'],
    psychological: ['宣传食品安全和防诈骗知识', '及时调解商户纠纷'],
  },
  school: {
    people: ['校领导带班，专职保安4名，上下学护学岗', '配备法治副校长'],
    physical: ['设置防冲撞隔离桩，保安配备防暴装备', '校园围墙完整，门卫室封闭管理'],
    technical: ['一键报警接入公安，视频监控全覆盖', '门禁系统识别进出人员'],
    psychological: ['每学期开展安全教育和应急疏散演练', '设立心理咨询室，关注学生心理健康'],
  },
  kindergarten: {
    people: ['园长负责，上下学时段保安和教师护园', '接送实行实名接送卡制度'],
    physical: ['门口设防冲撞设施，配备钢叉、防暴盾牌', '活动场地铺设防护地垫'],
    technical: ['视频监控覆盖所有教室，一键报警联网', '门禁系统刷卡进出'],
    psychological: ['定期开展幼儿安全教育和防拐骗演练', '关注教职工情绪，防范极端行为'],
  },
  hospital: {
    people: ['院长负责，设专职保卫人员，夜间值班', '医患纠纷调解员驻点'],
    physical: ['药品库房双人双锁，配置灭火器材', '急诊区设置安检和警务室'],
    technical: ['视频监控覆盖挂号、急诊和药房', '一键报警与派出所联网'],
    psychological: ['畅通投诉渠道，及时化解医患矛盾', '开展传染病防控宣传'],
  },
  square: {
    people: ['社区和派出所联合巡逻，活动期间增派人员', '志愿者参与秩序维护'],
    physical: ['设置隔离墩和应急疏散通道', '配置应急照明和灭火器'],
    technical: ['广场视频监控全覆盖，高点监控联网', '设置一键报警柱'],
    psychological: ['开展平安建设和防范宣传', '大型活动前进行安全风险评估'],
  },
  station: {
    people: ['站务人员安检岗全时值守，客运高峰增岗', '派出所警务室驻站'],
    physical: ['进站口设置安检门和防冲撞设施', '配备防爆罐和灭火器材'],
    technical: ['行李X光安检，视频监控接入公安', '售票实名制信息核验'],
    psychological: ['张贴禁止携带危险品公告', '定期开展反恐处突演练'],
  },
  hazardous_enterprise: {
    people: ['企业主要负责人为第一责任人，设专职安全管理员', '特种作业人员持证上岗'],
    physical: ['储罐区设防火堤和围墙，双人双锁管理', '配置消防泵房和应急物资'],
    technical: ['重大危险源在线监测，可燃有毒气体报警', '视频监控接入应急管理平台'],
    psychological: ['每季度开展应急演练和警示教育', '落实全员安全生产责任制'],
  },
  reservoir: {
    people: ['水库管理员巡坝，汛期24小时值守', '村干部包保责任到人'],
    physical: ['设置警示牌和防护栏，配备救生圈', '储备防汛砂袋和抢险物资'],
    technical: ['水位雨量自动监测，视频监控坝区', '汛期预警信息直达责任人'],
    psychological: ['开展防溺水宣传，严禁游泳垂钓', '汛前组织群众转移演练'],
  },
  river_section: {
    people: ['河长制落实到村，河道管理员定期巡河', '汛期安排专人值守'],
    physical: ['危险水域设置警示牌和防护栏', '河岸堆放救生器材'],
    technical: ['重点河段安装视频监控和水位监测', '非法采砂举报电话公示'],
    psychological: ['暑期开展防溺水进校园宣传', '教育村民不在河道倾倒垃圾'],
  },
  mountain_slope: {
    people: ['村级地质灾害监测员定期巡查', '雨季安排专人值守'],
    physical: ['设置警示牌，坡脚修建挡土墙', '危险区域设置拦石网'],
    technical: ['安装位移和雨量监测设备', '预警信息通过广播和短信发布'],
    psychological: ['开展避险转移演练，熟悉撤离路线', '宣传地质灾害识别和自救知识'],
  },
  high_rise: {
    people: ['物业负责消防巡查，设微型消防站', '楼长制管理到户'],
    physical: ['消防通道畅通，消防设施定期维保', '电动车严禁入户充电'],
    technical: ['消防控制室24小时值班，烟感报警联网', '电梯和出入口视频监控'],
    psychological: ['每年组织高层疏散演练', '开展消防安全进家庭宣传'],
  },
  large_complex: {
    people: ['运营方设安全部，节假日增派保安', '商户签订安全责任书'],
    physical: ['设置防冲撞设施和疏散指示', '消防设施定期检测维护'],
    technical: ['视频监控全覆盖，客流监测预警', '消防控制室联网报警'],
    psychological: ['组织员工应急疏散和反恐处突培训', '节假日前开展安全风险排查'],
  },
  canteen: {
    people: ['食堂管理员负责，从业人员持健康证上岗', '校领导陪餐制度'],
    physical: ['原料仓库上锁，生熟分开存放', '燃气管道设切断阀和灭火器'],
    technical: ['明厨亮灶视频公开，燃气泄漏报警', '食材进货查验电子台账'],
    psychological: ['开展食品安全培训和应急演练', '公开食谱，接受家长监督'],
  },
}

export function measuresFor(kind: SiteKind, rng: Rng): SiteMeasures {
  const t = byKind[kind]
  return { people: rng.pick(t.people), physical: rng.pick(t.physical), technical: rng.pick(t.technical), psychological: rng.pick(t.psychological) }
}
