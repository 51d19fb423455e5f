"""Unit tests, one folder per stage of the package (base: the bottom layer; sheet; check; round),
as XlsxWriter keeps one test folder per part. This conftest puts tests/unit on the path, so each
folder imports the shared builders from unitkit."""
