" pol policy files
autocmd BufRead,BufNewFile *.pol setfiletype pol
