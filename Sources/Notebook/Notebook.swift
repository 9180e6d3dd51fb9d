public enum NotebookModule {}
