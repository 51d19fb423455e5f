"""Write the outputs: the consolidated workbook, the submission forms, atomically."""
