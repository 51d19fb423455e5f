"""The 报告: the "资金使用情况" section of the annual performance report (text and .docx)."""
