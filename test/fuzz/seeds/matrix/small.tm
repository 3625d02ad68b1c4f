0 1 1000
1 2 2000 0.5
# comment
Nodes 8
3->4 id 7 start 1000 size 4096 trigger 1 send_done_trigger 2
