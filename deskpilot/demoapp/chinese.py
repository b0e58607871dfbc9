"""The demo app's Chinese face (``--lang zh``): the words a Chinese back office shows on the same screens.

Many of DeskPilot's users run Chinese systems (报销单, 客户主数据); a recording made on these
screens must replay as one made on the English ones does. Full-width colons, as Chinese forms
write them. The English text is the key: a screen asks ``say(lang, "Save")``.
"""

from __future__ import annotations

WORDS = {
    "Customer Master - ACME ERP": "客户主数据 - ACME ERP",
    "Expense Claims - ACME ERP": "报销单 - ACME ERP",
    "Customer master data": "客户主数据",
    "Customer ID:": "客户编号：",
    "Company:": "公司名称：",
    "Contact:": "联系人：",
    "Street:": "街道：",
    "City:": "城市：",
    "Postcode:": "邮政编码：",
    "Country:": "国家：",
    "Phone:": "电话：",
    "Reference:": "参考号：",
    "Password:": "密码：",
    "Delivery address": "送货地址",
    "Save": "保存",
    "Clear": "清空",
    "Search": "查询",
    "Back": "返回",
    "Find:": "查找：",
    "Customer ID": "客户编号",
    "Company": "公司名称",
    "City": "城市",
    "Ready": "就绪",
    "Cleared": "已清空",
    "Cancelled": "已取消",
    "Saving...": "正在保存……",
    "Loading...": "正在加载……",
    "Error: Customer ID is required": "错误：客户编号为必填项",
    "Saved {}": "已保存 {}",
    "{} customers": "共 {} 位客户",
    "Expense claim": "报销单",
    "Claimant:": "报销人：",
    "Date:": "日期：",
    "Category:": "类别：",
    "Amount:": "金额：",
    "Description:": "说明：",
    "Error: Claimant is required": "错误：报销人为必填项",
    "Error: Amount must be a number": "错误：金额必须是数字",
    "Error: Amount over limit": "错误：金额超出限额",
    "Saved claim {}": "已保存报销单 {}",
    "Confirm": "确认",
    "Are you sure?": "确定要保存吗？",
    "Yes": "是",
    "No": "否",
}
LANGS = ("en", "zh")


def say(lang: str, english: str, *values: object) -> str:
    """``english`` in ``lang``, with ``values`` put in its ``{}``; a word without a translation stays English."""
    text = WORDS.get(english, english) if lang == "zh" else english
    return text.format(*values) if values else text
